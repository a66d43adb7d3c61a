package dev.regent.domain.containment;

import java.time.Instant;

/**
 * What a freeze can select an event by.
 *
 * @param originRegion       the region whose store appended it
 * @param aggregateType      its aggregate's type (e.g. {@code Policy}); null for an event of no aggregate
 * @param eventType          its payload type's simple name (e.g. {@code PolicyIssuedEvent})
 * @param appendedAt         when it was appended
 * @param applicationVersion the version of the service that appended it; null for events from before it was stamped
 */
public record EventFacts(String originRegion, String aggregateType, String eventType, Instant appendedAt,
                         String applicationVersion) {
}
