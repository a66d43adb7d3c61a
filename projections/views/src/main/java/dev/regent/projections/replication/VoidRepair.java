package dev.regent.projections.replication;

import dev.regent.domain.ownership.Region;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.Collection;
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
        public Optional<Region> ownerElsewhere(String aggregateId) {
            return Optional.empty();
        }

        @Override
        public void requestResync(Region owner, Collection<String> aggregateIds) {
            throw new IllegalStateException("Nothing to ask a resync of");
        }
    };

    /**
     * The aggregate's whole history as this region's store hands it out now, voided events as placeholders; empty when
     * this region does not own the aggregate.
     */
    Optional<List<? extends DomainEventMessage<?>>> ownedHistory(String aggregateId);

    /** The region to ask for the aggregate again, when another region owns it; empty: the row stays as it is. */
    Optional<Region> ownerElsewhere(String aggregateId);

    /** Asks {@code owner} to publish these aggregates again toward this region, voided events as placeholders. */
    void requestResync(Region owner, Collection<String> aggregateIds);
}
