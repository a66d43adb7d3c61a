package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipAssignedEvent;
import dev.regent.domain.ownership.OwnershipTransferredEvent;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.ownership.OwnershipChange;
import dev.regent.infrastructure.transfer.FencedWrites;
import dev.regent.infrastructure.transfer.Handovers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

import java.time.Instant;
import java.util.Optional;

/**
 * Learns other regions' ownership assignments and transfers from the replicated event streams. Its own assignments are already in
 * the registry (written with the aggregate's first event); seeing them again changes nothing.
 */
@ProcessingGroup(OwnershipRegistryProjection.PROCESSING_GROUP)
public class OwnershipRegistryProjection {

    public static final String PROCESSING_GROUP = "regent-ownership-registry";

    private final JdbcOwnershipRegistry registry;
    private final FencedWrites fencedWrites;
    private final Handovers handovers;
    private final Region localRegion;

    public OwnershipRegistryProjection(JdbcOwnershipRegistry registry, FencedWrites fencedWrites,
                                       Handovers handovers, Region localRegion) {
        this.registry = registry;
        this.fencedWrites = fencedWrites;
        this.handovers = handovers;
        this.localRegion = localRegion;
    }

    @EventHandler
    void on(OwnershipAssignedEvent event, @Timestamp Instant assignedAt) {
        registry.recordReplicated(event.ownership(), assignedAt);
    }

    /**
     * A transfer fences this region if it was the owner and never released the aggregate (it was cut off, and another
     * region took over): what it appended past the takeover point is reported, and its later appends are refused. A
     * handover this region made up to that epoch is settled.
     */
    @EventHandler
    void on(OwnershipTransferredEvent event, @Timestamp Instant transferredAt) {
        Optional<Ownership> before = registry.recordTransfer(event.ownership(), OwnershipChange.Kind.TRANSFERRED,
                event.reason(), event.requestedBy(), transferredAt);
        handovers.settled(event.aggregateId(), event.epoch());
        boolean fencedHere = before.filter(known -> known.isOwnedBy(localRegion))
                .filter(known -> known.epoch() < event.epoch()).isPresent();
        if (fencedHere) {
            fencedWrites.report(event.aggregateId(), event.fromSequence(), event.toRegion(), event.epoch());
        }
    }
}
