package dev.regent.application.audit;

import dev.regent.domain.ownership.OwnershipChange;

import java.time.Instant;
import java.util.List;

/**
 * @param version how many events the state reflects
 * @param state   the read model's state at that point (personal data as the owner may read it: erased is erased)
 */
public record AuditReport(String aggregateId, String aggregateType, Instant asOf, Long atSequence, long version,
                          Object state, List<Event> events, List<OwnershipChange> ownership) {

    /** One event of the trail, as appended by its owner. */
    public record Event(long sequence, String type, Instant timestamp, String originRegion, Long epoch,
                        String acceptedRegion, Object payload) {
    }
}
