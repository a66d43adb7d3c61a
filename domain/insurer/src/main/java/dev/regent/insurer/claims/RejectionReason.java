package dev.regent.insurer.claims;

public enum RejectionReason {
    COVERAGE_EXCEEDED, IDENTITY_NOT_VERIFIED, CONSENT_WITHDRAWN, POLICY_NOT_FOUND, OWNER_UNAVAILABLE,
    /** The claim's customer does not hold the policy it claims on. */
    CUSTOMER_NOT_POLICY_HOLDER
}
