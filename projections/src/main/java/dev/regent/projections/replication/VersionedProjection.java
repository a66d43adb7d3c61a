package dev.regent.projections.replication;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import java.util.Optional;

/**
 * Base of a read model kept in {@link VersionedViews}: subclasses add one {@code @EventHandler} per event they show,
 * each calling {@link VersionedViews#apply}. Everything else about the aggregate moves its sequence on, and a reset
 * (a rebuild) clears the view.
 */
public abstract class VersionedProjection<V> {

    protected final VersionedViews<V> views;

    protected VersionedProjection(VersionedViews<V> views) {
        this.views = views;
    }

    /** Axon calls the most specific handler: this one only gets the events no subclass handler takes. */
    @EventHandler
    void onEventNotShown(Object event, DomainEventMessage<?> message) {
        views.advance(message);
    }

    @ResetHandler
    void reset() {
        views.clear();
    }

    public Optional<VersionedView<V>> find(String aggregateId) {
        return views.find(aggregateId);
    }
}
