package dev.regent.insurer.claims;

import dev.regent.domain.shared.BusinessRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static dev.regent.insurer.claims.ClaimFixture.approve;
import static dev.regent.insurer.claims.ClaimFixture.claimApproved;
import static dev.regent.insurer.claims.ClaimFixture.claimFiled;
import static dev.regent.insurer.claims.ClaimFixture.claimRejected;
import static dev.regent.insurer.claims.ClaimFixture.fileClaim;
import static dev.regent.insurer.claims.ClaimFixture.recordReleaseFailure;
import static dev.regent.insurer.claims.ClaimFixture.recordStep;
import static dev.regent.insurer.claims.ClaimFixture.reject;
import static dev.regent.insurer.claims.ClaimFixture.releaseFailed;
import static dev.regent.insurer.claims.ClaimFixture.stepRecorded;
import static dev.regent.insurer.claims.ClaimStatus.APPROVED;
import static dev.regent.insurer.claims.ClaimStatus.COMPENSATION_FAILED;
import static dev.regent.insurer.claims.ClaimStatus.OPEN;
import static dev.regent.insurer.claims.ClaimStatus.PENDING_COVERAGE;
import static dev.regent.insurer.claims.ClaimStatus.PENDING_IDENTITY;
import static dev.regent.insurer.claims.ClaimStatus.REJECTED;
import static dev.regent.insurer.claims.ClaimStep.CONSENT;
import static dev.regent.insurer.claims.ClaimStep.COVERAGE;
import static dev.regent.insurer.claims.ClaimStep.COVERAGE_RELEASE;
import static dev.regent.insurer.claims.ClaimStep.IDENTITY;
import static dev.regent.insurer.claims.StepOutcome.FAILED;
import static dev.regent.insurer.claims.StepOutcome.PASSED;
import static dev.regent.insurer.claims.StepOutcome.REQUESTED;
import static dev.regent.insurer.claims.StepOutcome.WAITING;

class ClaimTest {

    private final AggregateTestFixture<Claim> fixture = new AggregateTestFixture<>(Claim.class);

    @Test
    void givenNothing_whenFiled_thenClaimFiled() {
        fixture.givenNoPriorActivity()
               .when(fileClaim())
               .expectEvents(claimFiled());
    }

    // --- steps: WAITING makes the claim pending ---

    @Test
    void givenFiled_whenStepRequested_thenRecordedAndStillOpen() {
        fixture.given(claimFiled())
               .when(recordStep(IDENTITY, REQUESTED))
               .expectEvents(stepRecorded(IDENTITY, REQUESTED, OPEN));
    }

    @Test
    void givenFiled_whenIdentityWaiting_thenPendingIdentity() {
        fixture.given(claimFiled())
               .when(recordStep(IDENTITY, WAITING))
               .expectEvents(stepRecorded(IDENTITY, WAITING, PENDING_IDENTITY));
    }

    @Test
    void givenFiled_whenCoverageWaiting_thenPendingCoverage() {
        fixture.given(claimFiled())
               .when(recordStep(COVERAGE, WAITING))
               .expectEvents(stepRecorded(COVERAGE, WAITING, PENDING_COVERAGE));
    }

    @Test
    void givenPendingIdentity_whenIdentityPassed_thenOpenAgain() {
        fixture.given(claimFiled(), stepRecorded(IDENTITY, WAITING, PENDING_IDENTITY))
               .when(recordStep(IDENTITY, PASSED))
               .expectEvents(stepRecorded(IDENTITY, PASSED, OPEN));
    }

    @Test
    void givenPendingCoverage_whenCoveragePassed_thenOpenAgain() {
        fixture.given(claimFiled(), stepRecorded(COVERAGE, WAITING, PENDING_COVERAGE))
               .when(recordStep(COVERAGE, PASSED))
               .expectEvents(stepRecorded(COVERAGE, PASSED, OPEN));
    }

    @Test
    void givenPendingIdentity_whenCoverageAlsoWaiting_thenStillPendingIdentity() {
        fixture.given(claimFiled(), stepRecorded(IDENTITY, WAITING, PENDING_IDENTITY))
               .when(recordStep(COVERAGE, WAITING))
               .expectEvents(stepRecorded(COVERAGE, WAITING, PENDING_IDENTITY));
    }

    @Test
    void givenWaitingOnBoth_whenIdentityPassed_thenPendingCoverage() {
        fixture.given(claimFiled(), stepRecorded(IDENTITY, WAITING, PENDING_IDENTITY),
                       stepRecorded(COVERAGE, WAITING, PENDING_IDENTITY))
               .when(recordStep(IDENTITY, PASSED))
               .expectEvents(stepRecorded(IDENTITY, PASSED, PENDING_COVERAGE));
    }

    @Test
    void givenPendingCoverage_whenConsentPassed_thenStillPendingCoverage() {
        fixture.given(claimFiled(), stepRecorded(COVERAGE, WAITING, PENDING_COVERAGE))
               .when(recordStep(CONSENT, PASSED))
               .expectEvents(stepRecorded(CONSENT, PASSED, PENDING_COVERAGE));
    }

    // --- decisions ---

    @Test
    void givenFiled_whenApproved_thenApproved() {
        fixture.given(claimFiled())
               .when(approve())
               .expectEvents(claimApproved());
    }

    @Test
    void givenPending_whenApproved_thenApproved() {
        fixture.given(claimFiled(), stepRecorded(IDENTITY, WAITING, PENDING_IDENTITY))
               .when(approve())
               .expectEvents(claimApproved());
    }

    @Test
    void givenApproved_whenApprovedAgain_thenNoEvent() {
        fixture.given(claimFiled(), claimApproved())
               .when(approve())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenFiled_whenRejected_thenRejectedWithReasonAndDetail() {
        fixture.given(claimFiled())
               .when(reject(RejectionReason.COVERAGE_EXCEEDED))
               .expectEvents(claimRejected(RejectionReason.COVERAGE_EXCEEDED));
    }

    @Test
    void givenRejected_whenRejectedAgainForAnotherReason_thenNoEvent() {
        fixture.given(claimFiled(), claimRejected(RejectionReason.CONSENT_WITHDRAWN))
               .when(reject(RejectionReason.COVERAGE_EXCEEDED))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenRejected_whenApproved_thenRefused() {
        fixture.given(claimFiled(), claimRejected(RejectionReason.CONSENT_WITHDRAWN))
               .when(approve())
               .expectException(BusinessRuleViolation.class)
               .expectExceptionMessage("Claim clm-1 is already REJECTED and cannot be approved")
               .expectNoEvents();
    }

    @Test
    void givenApproved_whenRejected_thenRefused() {
        fixture.given(claimFiled(), claimApproved())
               .when(reject(RejectionReason.OWNER_UNAVAILABLE))
               .expectException(BusinessRuleViolation.class)
               .expectExceptionMessage("Claim clm-1 is already approved and cannot be rejected")
               .expectNoEvents();
    }

    // --- steps after a decision keep the decided status ---

    @Test
    void givenRejected_whenReleaseWaiting_thenRecordedAndStillRejected() {
        fixture.given(claimFiled(), claimRejected(RejectionReason.CONSENT_WITHDRAWN))
               .when(recordStep(COVERAGE_RELEASE, WAITING))
               .expectEvents(stepRecorded(COVERAGE_RELEASE, WAITING, REJECTED));
    }

    @Test
    void givenPendingCoverageThenRejected_whenCoverageStillWaiting_thenStillRejected() {
        fixture.given(claimFiled(), stepRecorded(COVERAGE, WAITING, PENDING_COVERAGE),
                       claimRejected(RejectionReason.OWNER_UNAVAILABLE))
               .when(recordStep(COVERAGE, WAITING))
               .expectEvents(stepRecorded(COVERAGE, WAITING, REJECTED));
    }

    @Test
    void givenApproved_whenStepFailed_thenRecordedAndStillApproved() {
        fixture.given(claimFiled(), claimApproved())
               .when(recordStep(IDENTITY, FAILED))
               .expectEvents(stepRecorded(IDENTITY, FAILED, APPROVED));
    }

    @Test
    void givenCompensationFailed_whenReleasePassed_thenRecordedAndStillCompensationFailed() {
        fixture.given(claimFiled(), claimRejected(RejectionReason.CONSENT_WITHDRAWN), releaseFailed())
               .when(recordStep(COVERAGE_RELEASE, PASSED))
               .expectEvents(stepRecorded(COVERAGE_RELEASE, PASSED, COMPENSATION_FAILED));
    }

    // --- compensation that failed ---

    @Test
    void givenRejected_whenCompensationFailureRecorded_thenCompensationFailed() {
        fixture.given(claimFiled(), claimRejected(RejectionReason.CONSENT_WITHDRAWN))
               .when(recordReleaseFailure())
               .expectEvents(releaseFailed());
    }

    @Test
    void givenApprovedOrOpen_whenCompensationFailureRecorded_thenRefusedBecauseNothingIsToBeUndone() {
        fixture.given(claimFiled(), claimApproved())
               .when(recordReleaseFailure())
               .expectNoEvents()
               .expectExceptionMessage("Claim clm-1 is APPROVED: only a rejected claim's compensation can fail");
        fixture.given(claimFiled())
               .when(recordReleaseFailure())
               .expectNoEvents()
               .expectException(BusinessRuleViolation.class);
    }

    @Test
    void givenCompensationFailed_whenRecordedAgain_thenNoEvent() {
        fixture.given(claimFiled(), claimRejected(RejectionReason.CONSENT_WITHDRAWN), releaseFailed())
               .when(recordReleaseFailure())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenCompensationFailed_whenRejectedAgain_thenNoEvent() {
        fixture.given(claimFiled(), claimRejected(RejectionReason.CONSENT_WITHDRAWN), releaseFailed())
               .when(reject(RejectionReason.OWNER_UNAVAILABLE))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenCompensationFailed_whenApproved_thenRefused() {
        fixture.given(claimFiled(), claimRejected(RejectionReason.CONSENT_WITHDRAWN), releaseFailed())
               .when(approve())
               .expectException(BusinessRuleViolation.class)
               .expectNoEvents();
    }
}
