package dev.regent.application.reconciliation;

import dev.regent.projections.reconciliation.StoreFold;
import dev.regent.projections.replication.VersionedView;
import dev.regent.projections.replication.ViewDefinition;
import dev.regent.projections.replication.ViewStores;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.List;
import java.util.Optional;

/**
 * An aggregate's events, read through Axon's event store (personal fields revealed as for every other reader, erased
 * ones as erased), folded by its view's own projection: in a scratch view to compare ({@link #fold}, as audits do),
 * or into the view itself to repair the owner's row ({@link #repair}).
 */
class StoreFolds implements StoreFold {

    private final EventStore eventStore;
    private final ViewStores views;

    StoreFolds(EventStore eventStore, ViewStores views) {
        this.eventStore = eventStore;
        this.views = views;
    }

    @Override
    public Optional<? extends VersionedView<?>> fold(String view, String aggregateId) {
        List<? extends DomainEventMessage<?>> events = events(aggregateId);
        return events.isEmpty() ? Optional.empty() : replay(definition(view), aggregateId, events);
    }

    /** The row forgotten and applied again from the store's events; with none, only forgotten. */
    void repair(String view, String aggregateId) {
        views.reapply(view, aggregateId, events(aggregateId));
    }

    private List<? extends DomainEventMessage<?>> events(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().toList();
    }

    private <V> Optional<VersionedView<V>> replay(ViewDefinition<V> definition, String aggregateId,
                                                 List<? extends DomainEventMessage<?>> events) {
        return views.replay(definition, aggregateId, events);
    }

    private ViewDefinition<?> definition(String view) {
        return views.definition(view).orElseThrow(() ->
                new IllegalArgumentException("No read model named '" + view + "'"));
    }
}
