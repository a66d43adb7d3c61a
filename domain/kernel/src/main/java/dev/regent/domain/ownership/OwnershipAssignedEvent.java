package dev.regent.domain.ownership;

import org.axonframework.serialization.Revision;

/**
 * The fact that a region took ownership of a new aggregate. Appended by the owner in the same transaction as the
 * aggregate's first event and replicated like any other event, so every region can resolve every id.
 */
@Revision("1")
public record OwnershipAssignedEvent(String aggregateId, String aggregateType, String ownerRegion, long epoch,
                                     String rule) {

    public Ownership ownership() {
        return new Ownership(aggregateId, aggregateType, Region.of(ownerRegion), epoch, rule);
    }

    public static OwnershipAssignedEvent of(Ownership ownership) {
        return new OwnershipAssignedEvent(ownership.aggregateId(), ownership.aggregateType(),
                ownership.owner().name(), ownership.epoch(), ownership.rule());
    }
}
