package dev.regent.infrastructure.transfer;

import java.time.Instant;

/**
 * An event a former owner appended past the point where another region took the aggregate over: it stays in the
 * former owner's store, is never merged into the new owner's stream, and waits for someone to adjudicate it.
 */
public record FencedWrite(String eventId, String aggregateId, long sequence, String eventType, long epoch,
                          String appendedAt, String newOwner, long newEpoch, Instant reportedAt) {
}
