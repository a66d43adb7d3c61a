package dev.regent.projections.reconciliation;

/**
 * Whether this region's replica of an aggregate may not be relied on: reconciliation found it drifted from its owner,
 * or found too many of its type drifted (an incident). What a saga asks before it acts on a replica (a claim does not
 * settle against a drifted customer); the service answers it from reconciliation runs.
 */
@FunctionalInterface
public interface ReplicaDrift {

    boolean blocks(String aggregateType, String aggregateId);

    /** For deployments (and tests) without reconciliation. */
    static ReplicaDrift none() {
        return (aggregateType, aggregateId) -> false;
    }
}
