package dev.regent.domain.claims;

public enum RejectionReason {
    COVERAGE_EXCEEDED, IDENTITY_NOT_VERIFIED, CONSENT_WITHDRAWN, POLICY_NOT_FOUND, OWNER_UNAVAILABLE
}
