package dev.regent.insurer.claims;

import dev.regent.domain.ownership.NativeOwnership;
import dev.regent.domain.shared.BusinessRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.EnumSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An insurance claim, owned by the region that handles it. Its stream is the settlement's record: every step the
 * settlement saga took with other owners, and the decision. Decisions are final; only the compensation that follows
 * a rejection can still be recorded.
 */
@NativeOwnership
public class Claim {

    @AggregateIdentifier
    private ClaimId claimId;
    private ClaimStatus status;
    private final Set<ClaimStep> waitingOn = EnumSet.noneOf(ClaimStep.class);

    protected Claim() {
        // for Axon
    }

    @CommandHandler
    public Claim(FileClaimCommand command) {
        apply(new ClaimFiledEvent(command.claimId(), command.policyId(), command.customerId(),
                command.amount().value(), command.description()));
    }

    @CommandHandler
    public void handle(RecordClaimStepCommand command) {
        apply(new ClaimStepRecordedEvent(claimId, command.step(), command.outcome(), command.detail(),
                statusAfter(command.step(), command.outcome())));
    }

    @CommandHandler
    public void handle(ApproveClaimCommand command) {
        if (!status.isDecided()) {
            apply(new ClaimApprovedEvent(claimId));
        } else if (status != ClaimStatus.APPROVED) {
            throw new BusinessRuleViolation("Claim " + claimId + " is already " + status + " and cannot be approved");
        }
    }

    /** Rejecting a rejected claim again changes nothing: several checks may fail at once. */
    @CommandHandler
    public void handle(RejectClaimCommand command) {
        if (!status.isDecided()) {
            apply(new ClaimRejectedEvent(claimId, command.reason(), command.detail()));
        } else if (status == ClaimStatus.APPROVED) {
            throw new BusinessRuleViolation("Claim " + claimId + " is already approved and cannot be rejected");
        }
    }

    /** Only a rejection is compensated: an open or approved claim has nothing to undo. */
    @CommandHandler
    public void handle(RecordCompensationFailureCommand command) {
        if (status == ClaimStatus.REJECTED) {
            apply(new ClaimCompensationFailedEvent(claimId, command.step(), command.detail()));
        } else if (status != ClaimStatus.COMPENSATION_FAILED) {
            throw new BusinessRuleViolation("Claim " + claimId + " is " + status + ": only a rejected claim's "
                    + "compensation can fail");
        }
    }

    private ClaimStatus statusAfter(ClaimStep step, StepOutcome outcome) {
        if (status.isDecided()) {
            return status;
        }
        Set<ClaimStep> waiting = EnumSet.copyOf(waitingOn);
        if (outcome == StepOutcome.WAITING) {
            waiting.add(step);
        } else {
            waiting.remove(step);
        }
        return waiting.isEmpty() ? ClaimStatus.OPEN : ClaimStatus.pendingOn(waiting.iterator().next());
    }

    @EventSourcingHandler
    void on(ClaimFiledEvent event) {
        claimId = event.claimId();
        status = ClaimStatus.OPEN;
    }

    @EventSourcingHandler
    void on(ClaimStepRecordedEvent event) {
        if (event.outcome() == StepOutcome.WAITING) {
            waitingOn.add(event.step());
        } else {
            waitingOn.remove(event.step());
        }
        status = event.status();
    }

    @EventSourcingHandler
    void on(ClaimApprovedEvent event) {
        status = ClaimStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(ClaimRejectedEvent event) {
        status = ClaimStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(ClaimCompensationFailedEvent event) {
        status = ClaimStatus.COMPENSATION_FAILED;
    }
}
