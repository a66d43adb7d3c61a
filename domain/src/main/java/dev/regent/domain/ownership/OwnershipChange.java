package dev.regent.domain.ownership;

import java.time.Instant;

/**
 * One entry of an aggregate's ownership history: who owned it from which epoch on, why, and who asked for it
 * ({@code requestedBy}: an operator's principal, a region's name for a reclaim, null for an assignment).
 */
public record OwnershipChange(String aggregateId, long epoch, Region owner, String rule, Kind kind, String reason,
                              String requestedBy, Instant at) {

    /** {@code RECLAIMED}: a former owner took the aggregate back because its handover was never completed. */
    public enum Kind { ASSIGNED, TRANSFERRED, RECLAIMED }
}
