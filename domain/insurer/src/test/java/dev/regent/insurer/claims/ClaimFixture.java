package dev.regent.insurer.claims;

import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.domain.shared.MonetaryAmount;

import java.math.BigDecimal;

/** Test data for claims: one claim and the steps, decisions and compensations of its settlement. */
public final class ClaimFixture {

    public static final ClaimId CLAIM_ID = new ClaimId("clm-1");
    public static final PolicyId POLICY_ID = new PolicyId("pol-1");
    public static final CustomerId CUSTOMER_ID = new CustomerId("cust-1");
    public static final BigDecimal AMOUNT = new BigDecimal("1200");
    public static final String DETAIL = "as the saga saw it";

    private ClaimFixture() {
    }

    public static FileClaimCommand fileClaim() {
        return new FileClaimCommand(CLAIM_ID, POLICY_ID, CUSTOMER_ID, new MonetaryAmount(AMOUNT), "Burst pipe");
    }

    public static ClaimFiledEvent claimFiled() {
        return new ClaimFiledEvent(CLAIM_ID, POLICY_ID, CUSTOMER_ID, AMOUNT, "Burst pipe");
    }

    public static RecordClaimStepCommand recordStep(ClaimStep step, StepOutcome outcome) {
        return new RecordClaimStepCommand(CLAIM_ID, step, outcome, DETAIL);
    }

    public static ClaimStepRecordedEvent stepRecorded(ClaimStep step, StepOutcome outcome, ClaimStatus status) {
        return new ClaimStepRecordedEvent(CLAIM_ID, step, outcome, DETAIL, status);
    }

    public static ApproveClaimCommand approve() {
        return new ApproveClaimCommand(CLAIM_ID);
    }

    public static ClaimApprovedEvent claimApproved() {
        return new ClaimApprovedEvent(CLAIM_ID);
    }

    public static RejectClaimCommand reject(RejectionReason reason) {
        return new RejectClaimCommand(CLAIM_ID, reason, DETAIL);
    }

    public static ClaimRejectedEvent claimRejected(RejectionReason reason) {
        return new ClaimRejectedEvent(CLAIM_ID, reason, DETAIL);
    }

    public static RecordCompensationFailureCommand recordReleaseFailure() {
        return new RecordCompensationFailureCommand(CLAIM_ID, ClaimStep.COVERAGE_RELEASE, DETAIL);
    }

    public static ClaimCompensationFailedEvent releaseFailed() {
        return new ClaimCompensationFailedEvent(CLAIM_ID, ClaimStep.COVERAGE_RELEASE, DETAIL);
    }
}
