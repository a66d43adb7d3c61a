package dev.regent.projections.replication;

/** What happened to one delivered event. */
public enum ApplyOutcome {
    /** The next event in sequence: applied (and any held successors after it). */
    APPLIED,
    /** Already applied earlier: skipped. */
    DUPLICATE,
    /** Ahead of a missing predecessor: kept until the gap is filled. */
    HELD
}
