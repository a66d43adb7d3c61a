package dev.regent.insurer.sagas.claims;

import dev.regent.insurer.claims.ApproveClaimCommand;
import dev.regent.insurer.claims.ClaimApprovedEvent;
import dev.regent.insurer.claims.ClaimCompensationFailedEvent;
import dev.regent.insurer.claims.ClaimFiledEvent;
import dev.regent.insurer.claims.ClaimId;
import dev.regent.insurer.claims.ClaimRejectedEvent;
import dev.regent.insurer.claims.ClaimStatus;
import dev.regent.insurer.claims.ClaimStep;
import dev.regent.insurer.claims.ClaimStepRecordedEvent;
import dev.regent.insurer.claims.RecordClaimStepCommand;
import dev.regent.insurer.claims.RecordCompensationFailureCommand;
import dev.regent.insurer.claims.RejectClaimCommand;
import dev.regent.insurer.claims.RejectionReason;
import dev.regent.insurer.claims.StepOutcome;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.IdentityVerificationFailedEvent;
import dev.regent.insurer.identity.IdentityVerifiedEvent;
import dev.regent.insurer.identity.VerifyIdentityForClaimCommand;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.insurer.policy.CoverageRefusedToNonHolderEvent;
import dev.regent.insurer.policy.CoverageReservationRejectedEvent;
import dev.regent.insurer.policy.CoverageReservedEvent;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.insurer.policy.ReleaseCoverageCommand;
import dev.regent.insurer.policy.ReserveCoverageCommand;
import dev.regent.domain.shared.MonetaryAmount;
import org.axonframework.test.utils.CallbackBehavior;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Test data for the claim settlement saga: one claim settled in {@code apac}, its customer and its policy owned
 * elsewhere; the events their owners publish and the commands the saga sends them.
 */
final class ClaimSettlementFixture {

    static final Region LOCAL_REGION = Region.of("apac");
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    static final ClaimSettlementSettings SETTINGS = new ClaimSettlementSettings(RETRY_AFTER, GIVE_UP_AFTER);

    static final ClaimId CLAIM_ID = new ClaimId("clm-1");
    static final String CLAIM = CLAIM_ID.value();
    static final CustomerId CUSTOMER_ID = new CustomerId("cust-1");
    static final PolicyId POLICY_ID = new PolicyId("pol-1");
    static final BigDecimal AMOUNT = new BigDecimal("1200.00");

    static final String CONSENT_WITHDRAWN = "the customer withdrew consent to claims processing";
    static final String SUSPENDED = "customer suspended: fraud signal";
    static final String COVERAGE_EXCEEDED = "requested 1200.00, the policy covers 500.00 more";
    static final String NOT_THE_HOLDER = "customer cust-1 is not the holder of policy pol-1";
    static final String OWNER_UNAVAILABLE = "an owner region did not answer in time";

    private ClaimSettlementFixture() {
    }

    static Map<String, String> originatingIn(String region) {
        return Map.of(OwnershipMetadata.ORIGIN_REGION, region);
    }

    /** Owners answer every command (the fixture's default). */
    static CallbackBehavior answeringEverything() {
        return (command, metaData) -> null;
    }

    /** Owners answer every command, except those of {@code commandType}, which fail with {@code failure}. */
    static CallbackBehavior failing(Class<?> commandType, Exception failure) {
        return (command, metaData) -> {
            if (commandType.isInstance(command)) {
                throw failure;
            }
            return null;
        };
    }

    // --- events ---

    static ClaimFiledEvent claimFiled() {
        return new ClaimFiledEvent(CLAIM_ID, POLICY_ID, CUSTOMER_ID, AMOUNT, "Burst pipe");
    }

    static IdentityVerifiedEvent identityVerified() {
        return new IdentityVerifiedEvent(CUSTOMER_ID, CLAIM, true);
    }

    static IdentityVerifiedEvent identityVerifiedWithConsentWithdrawn() {
        return new IdentityVerifiedEvent(CUSTOMER_ID, CLAIM, false);
    }

    static IdentityVerificationFailedEvent identityVerificationFailed() {
        return new IdentityVerificationFailedEvent(CUSTOMER_ID, CLAIM, SUSPENDED);
    }

    static CoverageReservedEvent coverageReserved() {
        return new CoverageReservedEvent(POLICY_ID, CLAIM, AMOUNT, new BigDecimal("48800.00"));
    }

    static CoverageReservationRejectedEvent coverageExceeded() {
        return new CoverageReservationRejectedEvent(POLICY_ID, CLAIM, AMOUNT, new BigDecimal("500.00"));
    }

    static CoverageRefusedToNonHolderEvent coverageRefusedToNonHolder() {
        return new CoverageRefusedToNonHolderEvent(POLICY_ID, CLAIM, CUSTOMER_ID);
    }

    static ClaimApprovedEvent claimApproved() {
        return new ClaimApprovedEvent(CLAIM_ID);
    }

    static ClaimRejectedEvent claimRejected(RejectionReason reason, String detail) {
        return new ClaimRejectedEvent(CLAIM_ID, reason, detail);
    }

    static ClaimStepRecordedEvent releaseRecorded(StepOutcome outcome) {
        return new ClaimStepRecordedEvent(CLAIM_ID, ClaimStep.COVERAGE_RELEASE, outcome, "as recorded",
                ClaimStatus.REJECTED);
    }

    static ClaimStepRecordedEvent stepRecorded(ClaimStep step, StepOutcome outcome, String detail,
                                               ClaimStatus status) {
        return new ClaimStepRecordedEvent(CLAIM_ID, step, outcome, detail, status);
    }

    static ClaimCompensationFailedEvent compensationFailed() {
        return new ClaimCompensationFailedEvent(CLAIM_ID, ClaimStep.COVERAGE_RELEASE, "as recorded");
    }

    // --- commands the saga sends ---

    static VerifyIdentityForClaimCommand verifyIdentity() {
        return new VerifyIdentityForClaimCommand(CUSTOMER_ID, CLAIM);
    }

    static ReserveCoverageCommand reserveCoverage() {
        return new ReserveCoverageCommand(POLICY_ID, CLAIM, CUSTOMER_ID, new MonetaryAmount(AMOUNT));
    }

    static ReleaseCoverageCommand releaseCoverage() {
        return new ReleaseCoverageCommand(POLICY_ID, CLAIM);
    }

    static ApproveClaimCommand approve() {
        return new ApproveClaimCommand(CLAIM_ID);
    }

    static RejectClaimCommand reject(RejectionReason reason, String detail) {
        return new RejectClaimCommand(CLAIM_ID, reason, detail);
    }

    static RecordCompensationFailureCommand compensationFailure(String detail) {
        return new RecordCompensationFailureCommand(CLAIM_ID, ClaimStep.COVERAGE_RELEASE, detail);
    }

    static RecordClaimStepCommand step(ClaimStep step, StepOutcome outcome, String detail) {
        return new RecordClaimStepCommand(CLAIM_ID, step, outcome, detail);
    }

    static RecordClaimStepCommand identityRequested() {
        return step(ClaimStep.IDENTITY, StepOutcome.REQUESTED, "asked the customer's owner region");
    }

    static RecordClaimStepCommand coverageRequested() {
        return step(ClaimStep.COVERAGE, StepOutcome.REQUESTED, "asked the policy's owner region");
    }

    static RecordClaimStepCommand identityPassed() {
        return step(ClaimStep.IDENTITY, StepOutcome.PASSED, "verified by the customer's owner region");
    }

    static RecordClaimStepCommand consentPassed() {
        return step(ClaimStep.CONSENT, StepOutcome.PASSED, "claims processing allowed");
    }

    static RecordClaimStepCommand coveragePassed() {
        return step(ClaimStep.COVERAGE, StepOutcome.PASSED, "reserved 1200.00, 48800.00 left on the policy");
    }

    static RecordClaimStepCommand identityWaiting() {
        return step(ClaimStep.IDENTITY, StepOutcome.WAITING,
                "the customer's owner region has not answered; asking again");
    }

    static RecordClaimStepCommand coverageWaiting() {
        return step(ClaimStep.COVERAGE, StepOutcome.WAITING, "the policy's owner region has not answered; asking again");
    }

    static RecordClaimStepCommand releaseRequested() {
        return step(ClaimStep.COVERAGE_RELEASE, StepOutcome.REQUESTED, "releasing the reservation");
    }

    static RecordClaimStepCommand releasePassed() {
        return step(ClaimStep.COVERAGE_RELEASE, StepOutcome.PASSED, "the policy's owner region released the reservation");
    }

    static RecordClaimStepCommand releaseWaiting(String cause) {
        return step(ClaimStep.COVERAGE_RELEASE, StepOutcome.WAITING,
                "the release was not answered (" + cause + "); trying again");
    }
}
