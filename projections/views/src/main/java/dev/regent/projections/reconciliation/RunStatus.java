package dev.regent.projections.reconciliation;

public enum RunStatus {
    RUNNING,
    /** Every owner answered. */
    COMPLETED,
    /** Some owners could not be compared (unreachable); the others were. */
    COMPLETED_WITH_ERRORS,
    FAILED
}
