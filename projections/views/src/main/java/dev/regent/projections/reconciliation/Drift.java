package dev.regent.projections.reconciliation;

/**
 * One drifted aggregate: {@code ownerSequence} / {@code replicaSequence} are -1 where one side has nothing. For the
 * owner's own view ({@link DriftSide#OWNER}) the "owner" side is its event store and the "replica" its view row.
 */
public record Drift(String view, String aggregateId, String ownerRegion, DriftClass driftClass, long ownerSequence,
                    long replicaSequence, DriftSide side) {

    public Drift {
        // Reports kept before owners checked their own views have no side: they were all replicas'.
        side = side == null ? DriftSide.REPLICA : side;
    }

    public Drift(String view, String aggregateId, String ownerRegion, DriftClass driftClass, long ownerSequence,
                 long replicaSequence) {
        this(view, aggregateId, ownerRegion, driftClass, ownerSequence, replicaSequence, DriftSide.REPLICA);
    }

    /** The same finding, about the owner's own view against its event store. */
    public Drift atOwner() {
        return new Drift(view, aggregateId, ownerRegion, driftClass, ownerSequence, replicaSequence, DriftSide.OWNER);
    }
}
