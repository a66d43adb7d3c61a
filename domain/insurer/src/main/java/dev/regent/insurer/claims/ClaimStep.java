package dev.regent.insurer.claims;

/** The checks a claim goes through with other owners, and the compensation of the coverage reservation. */
public enum ClaimStep {
    /** The customer's owner vouches for the customer's identity. */
    IDENTITY,
    /** The customer's owner says whether claims may be processed. */
    CONSENT,
    /** The policy's owner reserves the claimed amount. */
    COVERAGE,
    /** Compensation: the policy's owner gives the reservation back. */
    COVERAGE_RELEASE,
    /** This region's replicas the claim relies on agree with their owners (no drift found by reconciliation). */
    RECONCILIATION
}
