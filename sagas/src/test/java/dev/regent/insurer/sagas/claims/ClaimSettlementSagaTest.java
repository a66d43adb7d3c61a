package dev.regent.insurer.sagas.claims;

import dev.regent.projections.reconciliation.ReplicaDrift;
import dev.regent.insurer.claims.ClaimStep;
import dev.regent.insurer.claims.ClaimStatus;
import dev.regent.insurer.claims.RejectionReason;
import dev.regent.insurer.claims.StepOutcome;
import dev.regent.insurer.identity.IdentityVerifiedEvent;
import dev.regent.insurer.identity.VerifyIdentityForClaimCommand;
import dev.regent.domain.ownership.UnresolvableOwnershipException;
import dev.regent.insurer.policy.ReleaseCoverageCommand;
import dev.regent.insurer.policy.ReserveCoverageCommand;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static dev.regent.insurer.sagas.claims.ClaimSettlementFixture.*;
import static dev.regent.insurer.sagas.claims.ClaimSettlementSaga.CLAIM_ID;
import static dev.regent.insurer.sagas.claims.ClaimSettlementSaga.COMPENSATION_LIMIT;
import static dev.regent.insurer.sagas.claims.ClaimSettlementSaga.COVERAGE_OVERDUE;
import static dev.regent.insurer.sagas.claims.ClaimSettlementSaga.GIVE_UP;
import static dev.regent.insurer.sagas.claims.ClaimSettlementSaga.IDENTITY_OVERDUE;
import static dev.regent.insurer.sagas.claims.ClaimSettlementSaga.RELEASE_RETRY;

/**
 * The settlement, step by step. The fixture's command gateway answers synchronously with the callback behaviour's
 * result, so the commands the saga sends from a command's answer (a rejection for an unknown id, the release's outcome)
 * are dispatched within the same handler, right after the command they answer. Events never come back by themselves:
 * each test publishes the ones the owners would.
 */
class ClaimSettlementSagaTest {

    private static final String NOT_OWNED_POLICY = "No region is known to own aggregate pol-1";

    private SagaTestFixture<ClaimSettlementSaga> fixture;
    /** Which customer replicas reconciliation found drifted, as the saga asks it. */
    private final Set<String> driftedCustomers = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ClaimSettlementSaga.class);
        fixture.registerResource(LOCAL_REGION);
        fixture.registerResource(SETTINGS);
        fixture.registerResource((ReplicaDrift) (aggregateType, aggregateId) ->
                aggregateType.equals("CustomerIdentity") && driftedCustomers.contains(aggregateId));
    }

    // --- 1. Filed: ask both owners ---

    @Test
    void givenNothing_whenClaimFiled_thenIdentityAndCoverageAreAskedAndRecordedAsRequested() {
        fixture.givenNoPriorActivity()
               .whenAggregate(CLAIM).publishes(claimFiled())
               .expectActiveSagas(1)
               .expectAssociationWith(CLAIM_ID, CLAIM)
               .expectDispatchedCommands(verifyIdentity(), reserveCoverage(), identityRequested(), coverageRequested());
    }

    @Test
    void givenNothing_whenClaimFiled_thenOverdueAndGiveUpDeadlinesAreScheduled() {
        fixture.givenNoPriorActivity()
               .whenAggregate(CLAIM).publishes(claimFiled())
               .expectScheduledDeadlineWithName(RETRY_AFTER, IDENTITY_OVERDUE)
               .expectScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE)
               .expectScheduledDeadlineWithName(GIVE_UP_AFTER, GIVE_UP);
    }

    @Test
    void givenNothing_whenClaimFiledHere_thenSettledHere() {
        fixture.givenNoPriorActivity()
               .whenAggregate(CLAIM).publishes(claimFiled(), originatingIn("apac"))
               .expectActiveSagas(1)
               .expectDispatchedCommands(verifyIdentity(), reserveCoverage(), identityRequested(), coverageRequested());
    }

    @Test
    void givenNothing_whenClaimFiledInAnotherRegion_thenNoSagaNoCommandsNoDeadlines() {
        fixture.givenNoPriorActivity()
               .whenAggregate(CLAIM).publishes(claimFiled(), originatingIn("eu"))
               .expectActiveSagas(0)
               .expectNoDispatchedCommands()
               .expectNoScheduledDeadlines();
    }

    // --- 2. Answers: approve when both pass ---

    @Test
    void givenFiled_whenIdentityVerified_thenStepsRecordedIdentityDeadlineCancelledAndNotYetApproved() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .whenAggregate(CUSTOMER_ID.value()).publishes(identityVerified())
               .expectDispatchedCommands(identityPassed(), consentPassed())
               .expectNoScheduledDeadlineWithName(RETRY_AFTER, IDENTITY_OVERDUE)
               .expectScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE)
               .expectActiveSagas(1);
    }

    @Test
    void givenIdentityVerified_whenCoverageReserved_thenClaimApproved() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerified())
               .whenAggregate(POLICY_ID.value()).publishes(coverageReserved())
               .expectDispatchedCommands(coveragePassed(), approve())
               .expectNoScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE)
               .expectActiveSagas(1);
    }

    @Test
    void givenTheCustomersReplicaDrifted_whenEveryOwnerSaidYes_thenThePendingReconciliationClaimWaitsInsteadOfApproving() {
        driftedCustomers.add(CUSTOMER_ID.value());
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerified())
               .whenAggregate(POLICY_ID.value()).publishes(coverageReserved())
               .expectDispatchedCommands(coveragePassed(), step(ClaimStep.RECONCILIATION, StepOutcome.WAITING,
                       "this region's replica of the customer drifted from its owner; waiting for reconciliation"))
               .expectScheduledDeadlineWithName(RETRY_AFTER, ClaimSettlementSaga.RECONCILIATION_CHECK)
               .expectNoScheduledDeadlineWithName(GIVE_UP_AFTER, ClaimSettlementSaga.GIVE_UP)
               .expectActiveSagas(1);
    }

    @Test
    void givenPendingReconciliation_whenTheReplicaIsReconciled_thenTheNextCheckApproves() throws Exception {
        driftedCustomers.add(CUSTOMER_ID.value());
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerified())
               .andThenAggregate(POLICY_ID.value()).published(coverageReserved())
               .andThenTimeElapses(RETRY_AFTER);
        driftedCustomers.clear();
        fixture.whenTimeElapses(RETRY_AFTER)
               .expectDispatchedCommands(step(ClaimStep.RECONCILIATION, StepOutcome.PASSED,
                       "the customer's replica is reconciled"), approve());
    }

    @Test
    void givenCoverageReserved_whenIdentityVerified_thenClaimApproved() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(POLICY_ID.value()).published(coverageReserved())
               .whenAggregate(CUSTOMER_ID.value()).publishes(identityVerified())
               .expectDispatchedCommands(identityPassed(), consentPassed(), approve());
    }

    @Test
    void givenApprovalSent_whenClaimApproved_thenSagaEndsWithoutDeadlines() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerified())
               .andThenAggregate(POLICY_ID.value()).published(coverageReserved())
               .whenAggregate(CLAIM).publishes(claimApproved())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands()
               .expectNoScheduledDeadlines();
    }

    @Test
    void givenApprovalSent_whenGiveUpTimeElapsesBeforeTheApprovalArrives_thenNothingIsRejectedOrReleased() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerified())
               .andThenAggregate(POLICY_ID.value()).published(coverageReserved())
               .whenTimeElapses(GIVE_UP_AFTER)
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
    }

    @Test
    void givenFiled_whenAnotherClaimsIdentityIsVerified_thenNothingHappens() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .whenAggregate(CUSTOMER_ID.value()).publishes(new IdentityVerifiedEvent(CUSTOMER_ID, "clm-2", true))
               .expectNoDispatchedCommands()
               .expectScheduledDeadlineWithName(RETRY_AFTER, IDENTITY_OVERDUE);
    }

    // --- 2. Answers: reject on any failure ---

    @Test
    void givenCoverageReserved_whenConsentWithdrawn_thenRejectedConsentWithdrawn() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(POLICY_ID.value()).published(coverageReserved())
               .whenAggregate(CUSTOMER_ID.value()).publishes(identityVerifiedWithConsentWithdrawn())
               .expectDispatchedCommands(identityPassed(),
                       step(ClaimStep.CONSENT, StepOutcome.FAILED, CONSENT_WITHDRAWN),
                       reject(RejectionReason.CONSENT_WITHDRAWN, CONSENT_WITHDRAWN))
               .expectActiveSagas(1);
    }

    @Test
    void givenFiled_whenIdentityVerificationFailed_thenRejectedIdentityNotVerified() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .whenAggregate(CUSTOMER_ID.value()).publishes(identityVerificationFailed())
               .expectDispatchedCommands(step(ClaimStep.IDENTITY, StepOutcome.FAILED, SUSPENDED),
                       reject(RejectionReason.IDENTITY_NOT_VERIFIED, SUSPENDED))
               .expectNoScheduledDeadlineWithName(RETRY_AFTER, IDENTITY_OVERDUE)
               .expectActiveSagas(1);
    }

    @Test
    void givenFiled_whenCoverageExceeded_thenRejectedCoverageExceededAndSagaEnds() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .whenAggregate(POLICY_ID.value()).publishes(coverageExceeded())
               .expectDispatchedCommands(step(ClaimStep.COVERAGE, StepOutcome.FAILED, COVERAGE_EXCEEDED),
                       reject(RejectionReason.COVERAGE_EXCEEDED, COVERAGE_EXCEEDED))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    @Test
    void givenFiled_whenThePolicysOwnerRefusesANonHolder_thenRejectedCustomerNotPolicyHolderAndSagaEnds() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .whenAggregate(POLICY_ID.value()).publishes(coverageRefusedToNonHolder())
               .expectDispatchedCommands(step(ClaimStep.COVERAGE, StepOutcome.FAILED, NOT_THE_HOLDER),
                       reject(RejectionReason.CUSTOMER_NOT_POLICY_HOLDER, NOT_THE_HOLDER))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    @Test
    void givenIdentityVerified_whenThePolicysOwnerRefusesANonHolder_thenRejectedNotApproved() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerified())
               .whenAggregate(POLICY_ID.value()).publishes(coverageRefusedToNonHolder())
               .expectDispatchedCommands(step(ClaimStep.COVERAGE, StepOutcome.FAILED, NOT_THE_HOLDER),
                       reject(RejectionReason.CUSTOMER_NOT_POLICY_HOLDER, NOT_THE_HOLDER))
               .expectActiveSagas(0);
    }

    @Test
    void givenIdentityFailed_whenCoverageExceeded_thenNotRejectedTwiceAndSagaEnds() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerificationFailed())
               .whenAggregate(POLICY_ID.value()).publishes(coverageExceeded())
               .expectDispatchedCommands(step(ClaimStep.COVERAGE, StepOutcome.FAILED, COVERAGE_EXCEEDED))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    // --- 5. Compensation: a rejected claim gives its reservation back ---

    @Test
    void givenConsentWithdrawnWithCoverageReserved_whenClaimRejected_thenReservationReleasedAndReleaseRecorded() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(POLICY_ID.value()).published(coverageReserved())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerifiedWithConsentWithdrawn())
               .whenAggregate(CLAIM).publishes(claimRejected(RejectionReason.CONSENT_WITHDRAWN, CONSENT_WITHDRAWN))
               // the release is answered at once by the fixture's gateway, hence the PASSED step right after it
               .expectDispatchedCommands(releaseRequested(), releaseCoverage(), releasePassed())
               .expectScheduledDeadlineWithName(GIVE_UP_AFTER, COMPENSATION_LIMIT)
               .expectActiveSagas(1);
    }

    @Test
    void givenReleaseAnswered_whenReleaseStepRecordedPassed_thenSagaEndsWithoutDeadlines() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(POLICY_ID.value()).published(coverageReserved())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerifiedWithConsentWithdrawn())
               .andThenAggregate(CLAIM).published(claimRejected(RejectionReason.CONSENT_WITHDRAWN, CONSENT_WITHDRAWN))
               .whenAggregate(CLAIM).publishes(releaseRecorded(StepOutcome.PASSED))
               .expectActiveSagas(0)
               .expectNoDispatchedCommands()
               .expectNoScheduledDeadlines();
    }

    @Test
    void givenRejectedBeforeCoverageAnswered_whenClaimRejected_thenWaitsForTheCoverageAnswer() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerificationFailed())
               .whenAggregate(CLAIM).publishes(claimRejected(RejectionReason.IDENTITY_NOT_VERIFIED, SUSPENDED))
               .expectNoDispatchedCommands()
               .expectScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE)
               .expectActiveSagas(1);
    }

    @Test
    void givenClaimRejectedBeforeCoverageAnswered_whenCoverageReserved_thenReservationReleased() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerificationFailed())
               .andThenAggregate(CLAIM).published(claimRejected(RejectionReason.IDENTITY_NOT_VERIFIED, SUSPENDED))
               .whenAggregate(POLICY_ID.value()).publishes(coverageReserved())
               .expectDispatchedCommands(coveragePassed(), releaseRequested(), releaseCoverage(), releasePassed())
               .expectActiveSagas(1);
    }

    @Test
    void givenClaimRejectedBeforeCoverageAnswered_whenCoverageExceeded_thenSagaEndsWithNothingToRelease() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerificationFailed())
               .andThenAggregate(CLAIM).published(claimRejected(RejectionReason.IDENTITY_NOT_VERIFIED, SUSPENDED))
               .whenAggregate(POLICY_ID.value()).publishes(coverageExceeded())
               .expectDispatchedCommands(step(ClaimStep.COVERAGE, StepOutcome.FAILED, COVERAGE_EXCEEDED))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    // --- Unknown ids: rejected at once; an owner down is left to the deadlines ---

    @Test
    void givenUnknownPolicy_whenClaimFiled_thenRejectedPolicyNotFound() {
        fixture.setCallbackBehavior(failing(ReserveCoverageCommand.class,
                new UnresolvableOwnershipException(POLICY_ID.value())));
        fixture.givenNoPriorActivity()
               .whenAggregate(CLAIM).publishes(claimFiled())
               .expectDispatchedCommands(verifyIdentity(), reserveCoverage(),
                       step(ClaimStep.COVERAGE, StepOutcome.FAILED, NOT_OWNED_POLICY),
                       reject(RejectionReason.POLICY_NOT_FOUND, NOT_OWNED_POLICY),
                       identityRequested(), coverageRequested());
    }

    @Test
    void givenUnknownPolicy_whenClaimRejectedPolicyNotFound_thenSagaEndsWithNothingToRelease() {
        fixture.setCallbackBehavior(failing(ReserveCoverageCommand.class,
                new UnresolvableOwnershipException(POLICY_ID.value())));
        fixture.givenAggregate(CLAIM).published(claimFiled(),
                       stepRecorded(ClaimStep.COVERAGE, StepOutcome.FAILED, NOT_OWNED_POLICY, ClaimStatus.OPEN))
               .whenAggregate(CLAIM).publishes(claimRejected(RejectionReason.POLICY_NOT_FOUND, NOT_OWNED_POLICY))
               .expectNoDispatchedCommands()
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    @Test
    void givenUnknownCustomerAndPolicy_whenTheFailedCoverageStepArrivesAfterTheRejection_thenSagaEndsWithoutRelease() {
        fixture.setCallbackBehavior(failing(ReserveCoverageCommand.class,
                new UnresolvableOwnershipException(POLICY_ID.value())));
        fixture.givenAggregate(CLAIM).published(claimFiled(),
                       claimRejected(RejectionReason.IDENTITY_NOT_VERIFIED, "No region is known to own aggregate cust-1"))
               .whenAggregate(CLAIM).publishes(
                       stepRecorded(ClaimStep.COVERAGE, StepOutcome.FAILED, NOT_OWNED_POLICY, ClaimStatus.REJECTED))
               .expectNoDispatchedCommands()
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    @Test
    void givenUnknownCustomer_whenClaimFiled_thenRejectedIdentityNotVerified() {
        fixture.setCallbackBehavior(failing(VerifyIdentityForClaimCommand.class,
                new UnresolvableOwnershipException(CUSTOMER_ID.value())));
        fixture.givenNoPriorActivity()
               .whenAggregate(CLAIM).publishes(claimFiled())
               .expectDispatchedCommands(verifyIdentity(),
                       step(ClaimStep.IDENTITY, StepOutcome.FAILED, "No region is known to own aggregate cust-1"),
                       reject(RejectionReason.IDENTITY_NOT_VERIFIED, "No region is known to own aggregate cust-1"),
                       reserveCoverage(), identityRequested(), coverageRequested());
    }

    @Test
    void givenPolicyOwnerDown_whenClaimFiled_thenNotRejectedButLeftToTheDeadlines() {
        fixture.setCallbackBehavior(failing(ReserveCoverageCommand.class, new RuntimeException("owner down")));
        fixture.givenNoPriorActivity()
               .whenAggregate(CLAIM).publishes(claimFiled())
               .expectDispatchedCommands(verifyIdentity(), reserveCoverage(), identityRequested(), coverageRequested())
               .expectScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE)
               .expectActiveSagas(1);
    }

    // --- 3. An owner that does not answer: pending, asked again ---

    @Test
    void givenIdentityUnanswered_whenRetryAfterElapses_thenIdentityWaitingAskedAgainAndRescheduled() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(POLICY_ID.value()).published(coverageReserved())
               .whenTimeElapses(RETRY_AFTER)
               .expectTriggeredDeadlinesWithName(IDENTITY_OVERDUE)
               .expectDispatchedCommands(identityWaiting(), verifyIdentity())
               .expectScheduledDeadlineWithName(RETRY_AFTER, IDENTITY_OVERDUE);
    }

    @Test
    void givenCoverageUnanswered_whenRetryAfterElapses_thenCoverageWaitingAskedAgainAndRescheduled() {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerified())
               .whenTimeElapses(RETRY_AFTER)
               .expectTriggeredDeadlinesWithName(COVERAGE_OVERDUE)
               .expectDispatchedCommands(coverageWaiting(), reserveCoverage())
               .expectScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE);
    }

    @Test
    void givenNeitherOwnerAnsweredTheFirstRetry_whenRetryAfterElapsesAgain_thenBothAskedAgain() throws Exception {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenTimeElapses(RETRY_AFTER)
               .whenTimeElapses(RETRY_AFTER)
               .expectDispatchedCommands(identityWaiting(), verifyIdentity(), coverageWaiting(), reserveCoverage())
               .expectScheduledDeadlineWithName(RETRY_AFTER, IDENTITY_OVERDUE)
               .expectScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE);
    }

    @Test
    void givenRejectedWhileCoverageUnanswered_whenRetryAfterElapses_thenCoverageAskedAgainWithoutGoingPending()
            throws Exception {
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerificationFailed())
               .andThenAggregate(CLAIM).published(claimRejected(RejectionReason.IDENTITY_NOT_VERIFIED, SUSPENDED))
               .whenTimeElapses(RETRY_AFTER)
               .expectTriggeredDeadlinesWithName(COVERAGE_OVERDUE)
               .expectDispatchedCommands(reserveCoverage())
               .expectScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE);
    }

    // --- 4. Still undecided after giveUpAfter: OWNER_UNAVAILABLE ---

    @Test
    void givenUndecided_whenGiveUpAfterElapses_thenRejectedOwnerUnavailableAndReservationReleasedBestEffort()
            throws Exception {
        Duration justBefore = Duration.ofSeconds(5);
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenTimeElapses(GIVE_UP_AFTER.minus(justBefore))
               .whenTimeElapses(justBefore)
               .expectDispatchedCommands(reject(RejectionReason.OWNER_UNAVAILABLE, OWNER_UNAVAILABLE),
                       releaseRequested(), releaseCoverage(), releasePassed())
               .expectNoScheduledDeadlineWithName(RETRY_AFTER, IDENTITY_OVERDUE)
               .expectNoScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE)
               .expectScheduledDeadlineWithName(GIVE_UP_AFTER, COMPENSATION_LIMIT)
               .expectActiveSagas(1);
    }

    @Test
    void givenRejectedWhileCoverageUnanswered_whenGiveUpAfterElapses_thenReleasedBestEffortWithoutRejectingAgain()
            throws Exception {
        Duration justBefore = Duration.ofSeconds(5);
        fixture.givenAggregate(CLAIM).published(claimFiled())
               .andThenAggregate(CUSTOMER_ID.value()).published(identityVerificationFailed())
               .andThenAggregate(CLAIM).published(claimRejected(RejectionReason.IDENTITY_NOT_VERIFIED, SUSPENDED))
               .andThenTimeElapses(GIVE_UP_AFTER.minus(justBefore))
               .whenTimeElapses(justBefore)
               .expectDispatchedCommands(releaseRequested(), releaseCoverage(), releasePassed())
               .expectNoScheduledDeadlineWithName(RETRY_AFTER, COVERAGE_OVERDUE);
    }

    // --- 5. Compensation that fails ---

    @Test
    void givenReservationHeld_whenReleaseRefusedForGood_thenCompensationFailureRecorded() {
        fixture.setCallbackBehavior(failing(ReleaseCoverageCommand.class,
                new UnresolvableOwnershipException(POLICY_ID.value())));
        givenConsentWithdrawnWithCoverageReserved()
                .whenAggregate(CLAIM).publishes(claimRejected(RejectionReason.CONSENT_WITHDRAWN, CONSENT_WITHDRAWN))
                .expectDispatchedCommands(releaseRequested(), releaseCoverage(),
                        compensationFailure("releasing the reservation failed: " + NOT_OWNED_POLICY));
    }

    @Test
    void givenReservationHeld_whenReleaseNotAnswered_thenReleaseRecordedWaiting() {
        fixture.setCallbackBehavior(failing(ReleaseCoverageCommand.class, new RuntimeException("owner down")));
        givenConsentWithdrawnWithCoverageReserved()
                .whenAggregate(CLAIM).publishes(claimRejected(RejectionReason.CONSENT_WITHDRAWN, CONSENT_WITHDRAWN))
                .expectDispatchedCommands(releaseRequested(), releaseCoverage(), releaseWaiting("owner down"))
                .expectActiveSagas(1);
    }

    @Test
    void givenReleaseNotAnswered_whenReleaseStepRecordedWaiting_thenReleaseRetryScheduled() {
        fixture.setCallbackBehavior(failing(ReleaseCoverageCommand.class, new RuntimeException("owner down")));
        givenConsentWithdrawnWithCoverageReserved()
                .andThenAggregate(CLAIM).published(claimRejected(RejectionReason.CONSENT_WITHDRAWN, CONSENT_WITHDRAWN))
                .whenAggregate(CLAIM).publishes(releaseRecorded(StepOutcome.WAITING))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(RETRY_AFTER, RELEASE_RETRY)
                .expectActiveSagas(1);
    }

    @Test
    void givenReleaseRetryScheduledAndOwnerBackUp_whenRetryElapses_thenReleaseSentAgainAndRecordedPassed() {
        fixture.setCallbackBehavior(failing(ReleaseCoverageCommand.class, new RuntimeException("owner down")));
        ContinuedGivenState given = givenReleaseWaiting();
        fixture.setCallbackBehavior(answeringEverything());
        given.whenTimeElapses(RETRY_AFTER)
             .expectTriggeredDeadlinesWithName(RELEASE_RETRY)
             .expectDispatchedCommands(releaseCoverage(), releasePassed());
    }

    @Test
    void givenReleaseRetryScheduledAndOwnerStillDown_whenRetryElapses_thenReleaseSentAgainAndRecordedWaiting() {
        fixture.setCallbackBehavior(failing(ReleaseCoverageCommand.class, new RuntimeException("owner down")));
        givenReleaseWaiting()
                .whenTimeElapses(RETRY_AFTER)
                .expectDispatchedCommands(releaseCoverage(), releaseWaiting("owner down"));
    }

    @Test
    void givenStillReleasing_whenCompensationLimitElapses_thenCompensationFailureRecorded() throws Exception {
        fixture.setCallbackBehavior(failing(ReleaseCoverageCommand.class, new RuntimeException("owner down")));
        givenReleaseWaiting()
                .andThenTimeElapses(RETRY_AFTER) // the retry fails too
                .whenTimeElapses(GIVE_UP_AFTER.minus(RETRY_AFTER))
                .expectDispatchedCommands(
                        compensationFailure("the policy's owner region did not release the reservation in time"))
                .expectActiveSagas(1);
    }

    @Test
    void givenCompensationFailureRecorded_whenCompensationFailed_thenSagaEndsWithoutDeadlines() {
        fixture.setCallbackBehavior(failing(ReleaseCoverageCommand.class, new RuntimeException("owner down")));
        givenReleaseWaiting()
                .whenAggregate(CLAIM).publishes(compensationFailed())
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    private ContinuedGivenState givenConsentWithdrawnWithCoverageReserved() {
        return fixture.givenAggregate(CLAIM).published(claimFiled())
                      .andThenAggregate(POLICY_ID.value()).published(coverageReserved())
                      .andThenAggregate(CUSTOMER_ID.value()).published(identityVerifiedWithConsentWithdrawn());
    }

    /** Rejected, the release not answered and recorded WAITING: a retry is due after {@code retryAfter}. */
    private ContinuedGivenState givenReleaseWaiting() {
        return givenConsentWithdrawnWithCoverageReserved()
                .andThenAggregate(CLAIM).published(claimRejected(RejectionReason.CONSENT_WITHDRAWN, CONSENT_WITHDRAWN))
                .andThenAggregate(CLAIM).published(releaseRecorded(StepOutcome.WAITING));
    }
}
