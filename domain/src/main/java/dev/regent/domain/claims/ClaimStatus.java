package dev.regent.domain.claims;

/** Where a claim stands. {@code PENDING_*}: an owner region has not answered a step yet and is being asked again. */
public enum ClaimStatus {
    OPEN, PENDING_IDENTITY, PENDING_COVERAGE, APPROVED, REJECTED, COMPENSATION_FAILED;

    public boolean isDecided() {
        return this == APPROVED || this == REJECTED || this == COMPENSATION_FAILED;
    }

    static ClaimStatus pendingOn(ClaimStep step) {
        return switch (step) {
            case IDENTITY, CONSENT -> PENDING_IDENTITY;
            case COVERAGE, COVERAGE_RELEASE -> PENDING_COVERAGE;
        };
    }
}
