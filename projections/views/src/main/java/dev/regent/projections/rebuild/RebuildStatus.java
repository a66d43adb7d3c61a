package dev.regent.projections.rebuild;

import java.time.Instant;

/**
 * A read model's state. Positions count events across all sources (the local store's index plus the mirrored topics'
 * offsets); while {@code rebuilding}, {@code position} runs up to {@code target}, the position when the rebuild began.
 */
public record RebuildStatus(String view, boolean rebuilding, long position, long target, double percent,
                            double eventsPerSecond, Instant startedAt, String error) {
}
