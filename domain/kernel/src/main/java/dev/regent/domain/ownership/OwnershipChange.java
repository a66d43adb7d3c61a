package dev.regent.domain.ownership;

import java.time.Instant;

/**
 * One entry of an aggregate's ownership history: who owned it from which epoch on, why, who asked for it
 * ({@code requestedBy}: an operator's principal, a region's name for a reclaim or relocation, null for an
 * assignment), and the legal basis an operator stated for moving data the residency policy would not share.
 */
public record OwnershipChange(String aggregateId, long epoch, Region owner, String rule, Kind kind, String reason,
                              String requestedBy, String legalBasis, Instant at) {

    /** {@code RECLAIMED}: a former owner took the aggregate back because its handover was never completed. */
    public enum Kind { ASSIGNED, TRANSFERRED, RECLAIMED }

    /** Why ownership changes, as the history keeps it. */
    public record Why(String reason, String requestedBy, String legalBasis) {

        public static final Why NOTHING = new Why(null, null, null);
    }
}
