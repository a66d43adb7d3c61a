package dev.regent.application.audit;

import dev.regent.domain.ownership.OwnershipChange;

import java.time.Instant;
import java.util.List;

/**
 * @param version how many events the state reflects
 * @param state   the read model's state at that point (personal data as the owner may read it: erased is erased),
 *                without the voided events
 */
public record AuditReport(String aggregateId, String aggregateType, Instant asOf, Long atSequence, long version,
                          Object state, List<Event> events, List<OwnershipChange> ownership) {

    /**
     * One event of the trail, as appended by its owner.
     *
     * @param payload null for a voided event: struck, its original not shown
     * @param voided  who voided the event, when and why; null for an event that stands
     */
    public record Event(long sequence, String type, Instant timestamp, String originRegion, Long epoch,
                        String acceptedRegion, Object payload, Voided voided) {
    }

    /** The void that struck an event: its id, who, when, why. */
    public record Voided(String voidId, String voidedBy, Instant voidedAt, String reason) {
    }
}
