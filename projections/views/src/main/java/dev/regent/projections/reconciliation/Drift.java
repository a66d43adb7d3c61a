package dev.regent.projections.reconciliation;

/** One drifted aggregate: {@code ownerSequence} / {@code replicaSequence} are -1 where one side has nothing. */
public record Drift(String view, String aggregateId, String ownerRegion, DriftClass driftClass, long ownerSequence,
                    long replicaSequence) {
}
