package dev.regent.domain.containment;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * What the store hands out in place of a voided event: same id, aggregate and sequence (so every stream stays gap-free),
 * no payload of the original, and who voided it, when and why (what an audit shows struck). No aggregate and no read
 * model handles it: it only moves their sequence on.
 *
 * @param eventType the voided event's payload type, simple name
 */
@Revision("1")
public record VoidedEvent(String eventType, String voidId, String reason, String voidedBy, Instant voidedAt) {
}
