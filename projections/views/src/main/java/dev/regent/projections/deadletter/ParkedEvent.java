package dev.regent.projections.deadletter;

/**
 * One event parked in a view's dead-letter queue. {@code reason} is a {@link ParkedReason} label for the event the
 * view failed on, or {@code waiting-behind} for a later event of the same aggregate, kept so that it is not applied
 * out of order; {@code position} is its place in the aggregate's parked sequence (0 is the one to retry or skip).
 */
public record ParkedEvent(String letterId, String view, String aggregateType, String aggregateId, Long sequenceNumber,
                          int position, String eventId, String payloadType, String payloadRevision, String reason,
                          String detail, String parkedAt, String lastTriedAt) {

    public static final String WAITING_BEHIND = "waiting-behind";
}
