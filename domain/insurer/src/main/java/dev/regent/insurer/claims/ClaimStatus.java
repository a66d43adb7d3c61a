package dev.regent.insurer.claims;

/**
 * Where a claim stands. {@code PENDING_IDENTITY} / {@code PENDING_COVERAGE}: an owner region has not answered a step yet
 * and is being asked again; {@code PENDING_RECONCILIATION}: this region's replica of the customer drifted from its
 * owner, and the claim waits for reconciliation before it is decided.
 */
public enum ClaimStatus {
    OPEN, PENDING_IDENTITY, PENDING_COVERAGE, PENDING_RECONCILIATION, APPROVED, REJECTED, COMPENSATION_FAILED;

    public boolean isDecided() {
        return this == APPROVED || this == REJECTED || this == COMPENSATION_FAILED;
    }

    static ClaimStatus pendingOn(ClaimStep step) {
        return switch (step) {
            case IDENTITY, CONSENT -> PENDING_IDENTITY;
            case COVERAGE, COVERAGE_RELEASE -> PENDING_COVERAGE;
            case RECONCILIATION -> PENDING_RECONCILIATION;
        };
    }
}
