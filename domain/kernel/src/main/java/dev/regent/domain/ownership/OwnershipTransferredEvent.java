package dev.regent.domain.ownership;

import org.axonframework.serialization.Revision;

/**
 * The fact that ownership of an aggregate moved to another region under a new epoch. Appended by the new owner once
 * it holds the aggregate's stream up to {@code fromSequence}; replicated like every event, it fences the old owner:
 * its appends under the old epoch are refused, and the ones it made past {@code fromSequence} are reported.
 * {@code requestedBy}: the operator who asked for it (the authenticated principal), or a region (a reclaim, a
 * relocation); {@code legalBasis}: the operator's statement for moving data the residency policy would not share with
 * the new owner. Both null on revision 1 events.
 */
@Revision("2")
public record OwnershipTransferredEvent(String aggregateId, String aggregateType, String fromRegion, String toRegion,
                                        long epoch, long fromSequence, String rule, String reason,
                                        String requestedBy, String legalBasis) {

    public OwnershipChange.Why why() {
        return new OwnershipChange.Why(reason, requestedBy, legalBasis);
    }

    public Ownership ownership() {
        return new Ownership(aggregateId, aggregateType, Region.of(toRegion), epoch, rule);
    }
}
