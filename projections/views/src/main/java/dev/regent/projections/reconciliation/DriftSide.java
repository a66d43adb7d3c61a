package dev.regent.projections.reconciliation;

/** Which copy drifted: a replica from its owner, or the owner's own view from the owner's event store. */
public enum DriftSide {
    /** This region's replica of another region's aggregate, against that owner's store-verified digests. */
    REPLICA,
    /**
     * This region's own view of an aggregate it owns, against its event store: {@code ownerSequence} is then the
     * store's last sequence and {@code replicaSequence} the view row's.
     */
    OWNER
}
