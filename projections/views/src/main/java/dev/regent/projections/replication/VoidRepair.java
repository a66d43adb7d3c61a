package dev.regent.projections.replication;

import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;
import java.util.Optional;

/**
 * How a read model row that may show voided events is made again (see {@link VersionedViews#applyVoid}). Given by the
 * service, which knows the store and the peers.
 */
public interface VoidRepair {

    /** For a scratch replay of history already read from the store (voided events as placeholders): nothing to undo. */
    VoidRepair NONE = new VoidRepair() {
        @Override
        public Optional<List<? extends DomainEventMessage<?>>> ownedHistory(String aggregateId) {
            return Optional.empty();
        }

        @Override
        public boolean requestResync(String aggregateId) {
            return false;
        }
    };

    /**
     * The aggregate's whole history as this region's store hands it out now, voided events as placeholders; empty when
     * this region does not own the aggregate.
     */
    Optional<List<? extends DomainEventMessage<?>>> ownedHistory(String aggregateId);

    /**
     * Asks the aggregate's owner to publish it again toward this region, its voided events as placeholders.
     *
     * @return false when there is nothing to ask (the row stays as it is)
     */
    boolean requestResync(String aggregateId);
}
