package dev.regent.insurer.sagas.claims;

import dev.regent.projections.reconciliation.ReplicaDrift;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.regent.insurer.claims.ApproveClaimCommand;
import dev.regent.insurer.claims.ClaimApprovedEvent;
import dev.regent.insurer.claims.ClaimCompensationFailedEvent;
import dev.regent.insurer.claims.ClaimFiledEvent;
import dev.regent.insurer.claims.ClaimId;
import dev.regent.insurer.claims.ClaimRejectedEvent;
import dev.regent.insurer.claims.ClaimStep;
import dev.regent.insurer.claims.ClaimStepRecordedEvent;
import dev.regent.insurer.claims.RecordClaimStepCommand;
import dev.regent.insurer.claims.RecordCompensationFailureCommand;
import dev.regent.insurer.claims.RejectClaimCommand;
import dev.regent.insurer.claims.RejectionReason;
import dev.regent.insurer.claims.StepOutcome;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerIdentity;
import dev.regent.insurer.identity.IdentityVerificationFailedEvent;
import dev.regent.insurer.identity.IdentityVerifiedEvent;
import dev.regent.insurer.identity.VerifyIdentityForClaimCommand;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.ownership.UnresolvableOwnershipException;
import dev.regent.insurer.policy.CoverageRefusedToNonHolderEvent;
import dev.regent.insurer.policy.CoverageReservationRejectedEvent;
import dev.regent.insurer.policy.CoverageReservedEvent;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.insurer.policy.ReleaseCoverageCommand;
import dev.regent.insurer.policy.ReserveCoverageCommand;
import dev.regent.domain.shared.MonetaryAmount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Settles a claim in the claim's own region (its owner), with the customer's and the policy's owners, wherever they
 * are. It only ever sends commands (routed to the owners) and reacts to events (theirs arrive through Kafka); it never
 * waits inside a handler. Its state is small: ids, what each owner answered, whether the claim is decided.
 *
 * <ol>
 *   <li>Claim filed: ask the customer's owner to verify identity and consent, and the policy's owner to reserve the
 *   amount; deadlines for a slow owner and for giving up.</li>
 *   <li>Answers arrive as events: identity verified (with whether claims processing is allowed) or not; coverage
 *   reserved, exceeded, or refused because the claim's customer does not hold the policy. Any failure rejects the
 *   claim; all three passing approves it.</li>
 *   <li>An owner that does not answer within {@code retryAfter}: the claim goes {@code PENDING_<STEP>}, the step is
 *   asked again (owners answer each claim once, so retries are never applied twice).</li>
 *   <li>Still undecided after {@code giveUpAfter}: rejected, {@code OWNER_UNAVAILABLE}.</li>
 *   <li>Compensation: a rejected claim that holds (or may yet receive) a coverage reservation releases it, asking
 *   again while the policy's owner does not answer; a release still not done after {@code giveUpAfter} (or refused
 *   for good) leaves the claim {@code COMPENSATION_FAILED}.</li>
 * </ol>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ClaimSettlementSaga {

    static final String CLAIM_ID = "claimId";
    static final String IDENTITY_OVERDUE = "claim-identity-overdue";
    static final String COVERAGE_OVERDUE = "claim-coverage-overdue";
    static final String GIVE_UP = "claim-give-up";
    static final String RELEASE_RETRY = "claim-release-retry";
    static final String COMPENSATION_LIMIT = "claim-compensation-limit";
    static final String RECONCILIATION_CHECK = "claim-reconciliation-check";
    private static final String CUSTOMER_TYPE = CustomerIdentity.class.getSimpleName();

    private static final Logger log = LoggerFactory.getLogger(ClaimSettlementSaga.class);

    enum Answer { AWAITED, PASSED, FAILED }

    enum Coverage { AWAITED, RESERVED, REJECTED, RELEASING }

    private String claimId;
    private String customerId;
    private String policyId;
    private BigDecimal amount;
    private Answer identity = Answer.AWAITED;
    private Coverage coverage = Coverage.AWAITED;
    private boolean decided;
    private boolean awaitingReconciliation;

    @StartSaga
    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(ClaimFiledEvent event, @MetaDataValue(OwnershipMetadata.ORIGIN_REGION) String origin, Region localRegion,
            CommandGateway commands, DeadlineManager deadlines, ClaimSettlementSettings settings) {
        if (origin != null && !origin.equals(localRegion.name())) {
            // Claims are settled by their owner; the other regions only see the claim's events as a replica.
            SagaLifecycle.end();
            return;
        }
        claimId = event.claimId().value();
        customerId = event.customerId().value();
        policyId = event.policyId().value();
        amount = event.amount();
        askIdentity(commands);
        askCoverage(commands);
        record(commands, ClaimStep.IDENTITY, StepOutcome.REQUESTED, "asked the customer's owner region");
        record(commands, ClaimStep.COVERAGE, StepOutcome.REQUESTED, "asked the policy's owner region");
        deadlines.schedule(settings.retryAfter(), IDENTITY_OVERDUE);
        deadlines.schedule(settings.retryAfter(), COVERAGE_OVERDUE);
        deadlines.schedule(settings.giveUpAfter(), GIVE_UP);
    }

    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(IdentityVerifiedEvent event, CommandGateway commands, DeadlineManager deadlines,
            ClaimSettlementSettings settings, ReplicaDrift drift) {
        deadlines.cancelAllWithinScope(IDENTITY_OVERDUE);
        identity = Answer.PASSED;
        record(commands, ClaimStep.IDENTITY, StepOutcome.PASSED, "verified by the customer's owner region");
        if (!event.claimsProcessingAllowed()) {
            record(commands, ClaimStep.CONSENT, StepOutcome.FAILED, "the customer withdrew consent to claims processing");
            reject(commands, RejectionReason.CONSENT_WITHDRAWN, "the customer withdrew consent to claims processing");
            return;
        }
        record(commands, ClaimStep.CONSENT, StepOutcome.PASSED, "claims processing allowed");
        approveIfComplete(commands, deadlines, settings, drift);
    }

    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(IdentityVerificationFailedEvent event, CommandGateway commands, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(IDENTITY_OVERDUE);
        identity = Answer.FAILED;
        record(commands, ClaimStep.IDENTITY, StepOutcome.FAILED, event.reason());
        reject(commands, RejectionReason.IDENTITY_NOT_VERIFIED, event.reason());
    }

    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(CoverageReservedEvent event, CommandGateway commands, DeadlineManager deadlines,
            ClaimSettlementSettings settings, ReplicaDrift drift) {
        deadlines.cancelAllWithinScope(COVERAGE_OVERDUE);
        coverage = Coverage.RESERVED;
        record(commands, ClaimStep.COVERAGE, StepOutcome.PASSED, "reserved " + event.amount().toPlainString()
                + ", " + event.remaining().toPlainString() + " left on the policy");
        if (decided) {
            releaseCoverage(commands, deadlines, settings);
        } else {
            approveIfComplete(commands, deadlines, settings, drift);
        }
    }

    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(CoverageReservationRejectedEvent event, CommandGateway commands, DeadlineManager deadlines) {
        coverageRefused(commands, deadlines, RejectionReason.COVERAGE_EXCEEDED, "requested "
                + event.requested().toPlainString() + ", the policy covers " + event.available().toPlainString()
                + " more");
    }

    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(CoverageRefusedToNonHolderEvent event, CommandGateway commands, DeadlineManager deadlines) {
        coverageRefused(commands, deadlines, RejectionReason.CUSTOMER_NOT_POLICY_HOLDER,
                "customer " + customerId + " is not the holder of policy " + policyId);
    }

    /** The policy's owner reserved nothing: the claim is rejected, and there is nothing to release. */
    private void coverageRefused(CommandGateway commands, DeadlineManager deadlines, RejectionReason reason,
                                 String detail) {
        deadlines.cancelAllWithinScope(COVERAGE_OVERDUE);
        coverage = Coverage.REJECTED;
        record(commands, ClaimStep.COVERAGE, StepOutcome.FAILED, detail);
        reject(commands, reason, detail);
        if (decided) {
            end(deadlines);
        }
    }

    /** A rejection decided here or by a failed request (an unknown customer or policy). */
    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(ClaimRejectedEvent event, CommandGateway commands, DeadlineManager deadlines,
            ClaimSettlementSettings settings) {
        decided = true;
        deadlines.cancelAllWithinScope(IDENTITY_OVERDUE);
        if (coverage == Coverage.RESERVED) {
            releaseCoverage(commands, deadlines, settings);
        } else if (coverage == Coverage.REJECTED) {
            end(deadlines);
        }
        // Coverage still awaited: its answer (or the give-up deadline) decides whether there is anything to release.
    }

    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(ClaimApprovedEvent event, DeadlineManager deadlines) {
        end(deadlines);
    }

    /** The compensation's own outcome, recorded from its command's answer. */
    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(ClaimStepRecordedEvent event, DeadlineManager deadlines, ClaimSettlementSettings settings) {
        if (event.step() == ClaimStep.COVERAGE && event.outcome() == StepOutcome.FAILED) {
            // No coverage was (or will be) reserved: once the claim is decided there is nothing left to do.
            coverage = Coverage.REJECTED;
            deadlines.cancelAllWithinScope(COVERAGE_OVERDUE);
            if (decided) {
                end(deadlines);
            }
            return;
        }
        if (event.step() != ClaimStep.COVERAGE_RELEASE) {
            return;
        }
        if (event.outcome() == StepOutcome.PASSED) {
            end(deadlines);
        } else if (event.outcome() == StepOutcome.WAITING) {
            deadlines.schedule(settings.retryAfter(), RELEASE_RETRY);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = CLAIM_ID)
    void on(ClaimCompensationFailedEvent event, DeadlineManager deadlines) {
        cancelDeadlines(deadlines);
    }

    // The deadlines carry no payload (Void). Without payloadType, Axon takes a handler's first parameter for the
    // deadline's payload (here the CommandGateway) and the handler never matches: the deadline passes unhandled.
    @DeadlineHandler(deadlineName = IDENTITY_OVERDUE, payloadType = Void.class)
    void identityOverdue(CommandGateway commands, DeadlineManager deadlines, ClaimSettlementSettings settings) {
        if (identity == Answer.AWAITED && !decided) {
            record(commands, ClaimStep.IDENTITY, StepOutcome.WAITING,
                    "the customer's owner region has not answered; asking again");
            askIdentity(commands);
            deadlines.schedule(settings.retryAfter(), IDENTITY_OVERDUE);
        }
    }

    @DeadlineHandler(deadlineName = COVERAGE_OVERDUE, payloadType = Void.class)
    void coverageOverdue(CommandGateway commands, DeadlineManager deadlines, ClaimSettlementSettings settings) {
        if (coverage == Coverage.AWAITED) {
            if (!decided) {
                record(commands, ClaimStep.COVERAGE, StepOutcome.WAITING,
                        "the policy's owner region has not answered; asking again");
            }
            askCoverage(commands);
            deadlines.schedule(settings.retryAfter(), COVERAGE_OVERDUE);
        }
    }

    @DeadlineHandler(deadlineName = GIVE_UP, payloadType = Void.class)
    void giveUp(CommandGateway commands, DeadlineManager deadlines, ClaimSettlementSettings settings) {
        if (!decided) {
            reject(commands, RejectionReason.OWNER_UNAVAILABLE, "an owner region did not answer in time");
        }
        if (coverage == Coverage.AWAITED || coverage == Coverage.RESERVED) {
            // The reservation may have happened without its answer reaching us: release it all the same.
            deadlines.cancelAllWithinScope(COVERAGE_OVERDUE);
            releaseCoverage(commands, deadlines, settings);
        } else if (coverage == Coverage.REJECTED) {
            end(deadlines);
        }
    }

    @DeadlineHandler(deadlineName = RECONCILIATION_CHECK, payloadType = Void.class)
    void reconciliationCheck(CommandGateway commands, DeadlineManager deadlines, ClaimSettlementSettings settings,
                             ReplicaDrift drift) {
        approveIfComplete(commands, deadlines, settings, drift);
    }

    @DeadlineHandler(deadlineName = RELEASE_RETRY, payloadType = Void.class)
    void releaseRetry(CommandGateway commands) {
        if (coverage == Coverage.RELEASING) {
            sendRelease(commands);
        }
    }

    @DeadlineHandler(deadlineName = COMPENSATION_LIMIT, payloadType = Void.class)
    void compensationLimit(CommandGateway commands) {
        if (coverage == Coverage.RELEASING) {
            commands.send(new RecordCompensationFailureCommand(new ClaimId(claimId), ClaimStep.COVERAGE_RELEASE,
                    "the policy's owner region did not release the reservation in time"));
        }
    }

    private void askIdentity(CommandGateway commands) {
        ask(commands, new VerifyIdentityForClaimCommand(new CustomerId(customerId), claimId), ClaimStep.IDENTITY,
                RejectionReason.IDENTITY_NOT_VERIFIED);
    }

    private void askCoverage(CommandGateway commands) {
        ask(commands, new ReserveCoverageCommand(new PolicyId(policyId), claimId, new CustomerId(customerId),
                        new MonetaryAmount(amount)),
                ClaimStep.COVERAGE, RejectionReason.POLICY_NOT_FOUND);
    }

    /**
     * The answer comes back as an event; the command's own result only matters when it fails. An id no region owns
     * fails the step (the saga learns it from the claim's event: nothing to wait for, nothing reserved) and rejects
     * the claim; any other failure (an owner down or slow) is left to the deadlines.
     */
    private void ask(CommandGateway commands, Object command, ClaimStep step, RejectionReason whenUnknown) {
        ClaimId claim = new ClaimId(claimId);
        CompletableFuture<Object> answer;
        try {
            answer = commands.send(command);
        } catch (RuntimeException refusedBeforeSending) {
            // The router resolves the owner while dispatching: an unknown id fails here, not in the future.
            answer = CompletableFuture.failedFuture(refusedBeforeSending);
        }
        answer.exceptionally(failure -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof UnresolvableOwnershipException) {
                commands.send(new RecordClaimStepCommand(claim, step, StepOutcome.FAILED, cause.getMessage()));
                commands.send(new RejectClaimCommand(claim, whenUnknown, cause.getMessage()));
            } else {
                log.info("Claim {}: {} not answered yet ({}); the deadline will ask again", claim,
                        command.getClass().getSimpleName(), cause.toString());
            }
            return null;
        });
    }

    /**
     * Approves once every owner said yes, unless this region's replica of the customer drifted from its owner (or an
     * incident is open for customers): then the claim waits, pending reconciliation, and looks again every
     * {@code retryAfter}. Giving up no longer applies: every owner has answered.
     */
    private void approveIfComplete(CommandGateway commands, DeadlineManager deadlines,
                                   ClaimSettlementSettings settings, ReplicaDrift drift) {
        if (!decided && identity == Answer.PASSED && coverage == Coverage.RESERVED) {
            if (drift.blocks(CUSTOMER_TYPE, customerId)) {
                if (!awaitingReconciliation) {
                    awaitingReconciliation = true;
                    deadlines.cancelAllWithinScope(GIVE_UP);
                    record(commands, ClaimStep.RECONCILIATION, StepOutcome.WAITING,
                            "this region's replica of the customer drifted from its owner; waiting for reconciliation");
                }
                deadlines.schedule(settings.retryAfter(), RECONCILIATION_CHECK);
                return;
            }
            if (awaitingReconciliation) {
                record(commands, ClaimStep.RECONCILIATION, StepOutcome.PASSED, "the customer's replica is reconciled");
            }
            decided = true;
            // Approved: giving up (which releases the reservation) no longer applies, even before the approval arrives.
            deadlines.cancelAllWithinScope(GIVE_UP);
            commands.send(new ApproveClaimCommand(new ClaimId(claimId)));
        }
    }

    private void reject(CommandGateway commands, RejectionReason reason, String detail) {
        if (!decided) {
            decided = true;
            commands.send(new RejectClaimCommand(new ClaimId(claimId), reason, detail));
        }
    }

    /** The compensation, retried until it succeeds or its own limit passes. */
    private void releaseCoverage(CommandGateway commands, DeadlineManager deadlines,
                                 ClaimSettlementSettings settings) {
        coverage = Coverage.RELEASING;
        record(commands, ClaimStep.COVERAGE_RELEASE, StepOutcome.REQUESTED, "releasing the reservation");
        deadlines.schedule(settings.giveUpAfter(), COMPENSATION_LIMIT);
        sendRelease(commands);
    }

    /**
     * The release's answer, not an event from afar, tells whether it was done: success and failure are recorded on the
     * claim, whose events bring them back to this saga.
     */
    private void sendRelease(CommandGateway commands) {
        ClaimId claim = new ClaimId(claimId);
        commands.send(new ReleaseCoverageCommand(new PolicyId(policyId), claimId)).whenComplete((result, failure) -> {
            if (failure == null) {
                commands.send(new RecordClaimStepCommand(claim, ClaimStep.COVERAGE_RELEASE, StepOutcome.PASSED,
                        "the policy's owner region released the reservation"));
                return;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof UnresolvableOwnershipException) {
                commands.send(new RecordCompensationFailureCommand(claim, ClaimStep.COVERAGE_RELEASE,
                        "releasing the reservation failed: " + cause.getMessage()));
            } else {
                commands.send(new RecordClaimStepCommand(claim, ClaimStep.COVERAGE_RELEASE, StepOutcome.WAITING,
                        "the release was not answered (" + cause.getMessage() + "); trying again"));
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private void record(CommandGateway commands, ClaimStep step, StepOutcome outcome, String detail) {
        commands.send(new RecordClaimStepCommand(new ClaimId(claimId), step, outcome, detail));
    }

    private void end(DeadlineManager deadlines) {
        cancelDeadlines(deadlines);
        SagaLifecycle.end();
    }

    private static void cancelDeadlines(DeadlineManager deadlines) {
        for (String deadline : new String[]{IDENTITY_OVERDUE, COVERAGE_OVERDUE, GIVE_UP, RELEASE_RETRY,
                COMPENSATION_LIMIT, RECONCILIATION_CHECK}) {
            deadlines.cancelAllWithinScope(deadline);
        }
    }
}
