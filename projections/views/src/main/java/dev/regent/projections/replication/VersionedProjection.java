package dev.regent.projections.replication;

import dev.regent.domain.containment.EventsVoided;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.serialization.UnknownSerializedType;

import java.util.Optional;

/**
 * Base of a read model kept in {@link VersionedViews}: subclasses add one {@code @EventHandler} per event they show,
 * each calling {@link VersionedViews#apply}. Everything else about the aggregate moves its sequence on (a voided
 * event's placeholder too), an owner's void correction removes what it voided, and a reset (a rebuild) clears the
 * view.
 */
public abstract class VersionedProjection<V> {

    protected final VersionedViews<V> views;

    protected VersionedProjection(VersionedViews<V> views) {
        this.views = views;
    }

    /**
     * Axon calls the most specific handler: this one only gets the events no subclass handler takes, and never reads
     * their payload (an event this view does not show may be unreadable here without harming it). An event of this
     * view's aggregate whose type this region does not know cannot be judged irrelevant: it is refused, and parked.
     */
    @EventHandler
    void onEventNotShown(DomainEventMessage<?> message) {
        if (message.getPayloadType() == UnknownSerializedType.class && views.aggregateType().equals(message.getType())) {
            // Reading an unknown type's payload only wraps its bytes: it cannot fail.
            UnknownSerializedType unknown = (UnknownSerializedType) message.getPayload();
            throw new UnknownEventTypeException(unknown.serializedType().getName(), message.getType());
        }
        views.advance(message);
    }

    /** An owner's correction: a row that may show an event it voided is made again without it. */
    @EventHandler
    void onEventsVoided(EventsVoided correction, DomainEventMessage<?> message) {
        if (views.aggregateType().equals(message.getType())) {
            views.applyVoid(message, correction);
        }
    }

    @ResetHandler
    void reset() {
        views.clear();
    }

    public Optional<VersionedView<V>> find(String aggregateId) {
        return views.find(aggregateId);
    }
}
