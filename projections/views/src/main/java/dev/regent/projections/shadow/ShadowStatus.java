package dev.regent.projections.shadow;

import java.time.Instant;

/**
 * A shadow rebuild as operators follow it. Positions count events across all sources as a rebuild's do;
 * {@code target} is where the live processor stood when the shadow started. {@code skippedAfterAsOf}: events read but
 * not applied, being later than {@code asOf}; {@code failedEvents}: events the projection refused (the live view parks
 * them), their aggregates' later events held behind them. {@code difference} is there once built.
 */
public record ShadowStatus(String view, String shadowView, ShadowState state, Instant asOf, long position,
                           long target, double percent, double eventsPerSecond, long eventsRead,
                           long skippedAfterAsOf, long failedEvents, Instant startedAt, Instant builtAt, String error,
                           ShadowDifference difference) {

    ShadowStatus withDifference(ShadowState state, ShadowDifference difference) {
        return new ShadowStatus(view, shadowView, state, asOf, position, target, percent, eventsPerSecond, eventsRead,
                skippedAfterAsOf, failedEvents, startedAt, builtAt, error, difference);
    }
}
