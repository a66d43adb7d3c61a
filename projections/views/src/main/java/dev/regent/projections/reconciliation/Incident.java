package dev.regent.projections.reconciliation;

/** More replicas of an aggregate type drifted than its threshold allows: dependent workflows wait. */
public record Incident(String aggregateType, long drifted, long threshold) {
}
