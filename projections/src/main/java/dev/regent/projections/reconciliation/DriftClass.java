package dev.regent.projections.reconciliation;

/** How a replica differs from its owner, for one aggregate. */
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
     * A stored row, the replica's or the owner's, that its view cannot read. The replica's is repaired like drift;
     * the owner's cannot be from here (rebuild the owner's view), so it is reported and left alone.
     */
    UNREADABLE
}
