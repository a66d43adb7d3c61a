package dev.regent.projections.reconciliation;

/**
 * How a copy of one aggregate differs from what it should be: a replica from its owner's digests, or the owner's own
 * view from its event store ({@link DriftSide}).
 */
public enum DriftClass {
    /** The owner has it; the replica does not. */
    MISSING,
    /** The replica is behind the owner's sequence. */
    STALE,
    /** Same sequence (or ahead), different content. */
    DIVERGED,
    /** The replica has it; its owner does not. */
    ORPHANED,
    /**
     * A replica's stored row that its view cannot read: repaired like drift, unless the owner's view cannot vouch
     * for the aggregate either (its row unreadable or its events parked): then it is reported and left alone.
     */
    UNREADABLE
}
