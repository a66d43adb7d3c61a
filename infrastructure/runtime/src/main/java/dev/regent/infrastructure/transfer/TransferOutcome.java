package dev.regent.infrastructure.transfer;

/**
 * What a transfer did. {@code mode}: {@code PLANNED} (the former owner released it and handed its stream over) or
 * {@code FORCED} (taken over from what was replicated here, without the former owner). {@code fromSequence}: the last
 * event taken over; the new owner's own events follow it.
 */
public record TransferOutcome(String aggregateId, String aggregateType, String fromRegion, String toRegion, long epoch,
                              long fromSequence, int eventsCopied, String mode) {
}
