package dev.regent.insurer.policy;

import dev.regent.domain.ownership.NativeOwnership;
import dev.regent.domain.shared.BusinessRuleViolation;
import dev.regent.insurer.identity.CustomerId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An insurance policy, owned by the region that issued it; its holder's claims reserve part of its coverage. */
@NativeOwnership
public class Policy {

    @AggregateIdentifier
    private PolicyId policyId;
    private CustomerId holder;
    private BigDecimal coverageLimit;
    private final Map<String, BigDecimal> reservedByClaim = new HashMap<>();
    private final Set<String> answeredClaims = new HashSet<>();

    protected Policy() {
        // for Axon
    }

    @CommandHandler
    public Policy(IssuePolicyCommand command) {
        apply(new PolicyIssuedEvent(command.policyId(), command.customerId(), command.product().value(),
                command.coverageLimit().value()));
    }

    /** Answers once per claim, so that a retried request is never applied twice. Only the holder is covered. */
    @CommandHandler
    public void handle(ReserveCoverageCommand command) {
        if (answeredClaims.contains(command.claimId())) {
            return;
        }
        if (!holder.equals(command.claimant())) {
            apply(new CoverageRefusedToNonHolderEvent(policyId, command.claimId(), command.claimant()));
            return;
        }
        BigDecimal available = coverageLimit.subtract(reserved());
        BigDecimal requested = command.amount().value();
        if (requested.compareTo(available) > 0) {
            apply(new CoverageReservationRejectedEvent(policyId, command.claimId(), requested, available));
        } else {
            apply(new CoverageReservedEvent(policyId, command.claimId(), requested, available.subtract(requested)));
        }
    }

    @CommandHandler
    public void handle(ReleaseCoverageCommand command) {
        BigDecimal amount = reservedByClaim.get(command.claimId());
        if (amount != null) {
            apply(new CoverageReleasedEvent(policyId, command.claimId(), amount));
        }
    }

    /**
     * An endorsement; never below what open claims have reserved.
     *
     * @return the policy's version after the change; the same limit again changes nothing
     */
    @CommandHandler
    public long handle(ChangeCoverageLimitCommand command) {
        BigDecimal limit = command.coverageLimit().value();
        if (limit.compareTo(reserved()) < 0) {
            throw new BusinessRuleViolation("Policy " + policyId + " has " + reserved().toPlainString()
                    + " reserved by open claims: its coverage limit cannot go below that");
        }
        if (limit.compareTo(coverageLimit) != 0) {
            apply(new CoverageLimitChangedEvent(policyId, limit));
        }
        return AggregateLifecycle.getVersion() + 1;
    }

    private BigDecimal reserved() {
        return reservedByClaim.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @EventSourcingHandler
    void on(PolicyIssuedEvent event) {
        policyId = event.policyId();
        holder = event.customerId();
        coverageLimit = event.coverageLimit();
    }

    @EventSourcingHandler
    void on(CoverageLimitChangedEvent event) {
        coverageLimit = event.coverageLimit();
    }

    @EventSourcingHandler
    void on(CoverageReservedEvent event) {
        answeredClaims.add(event.claimId());
        reservedByClaim.put(event.claimId(), event.amount());
    }

    @EventSourcingHandler
    void on(CoverageReservationRejectedEvent event) {
        answeredClaims.add(event.claimId());
    }

    @EventSourcingHandler
    void on(CoverageRefusedToNonHolderEvent event) {
        answeredClaims.add(event.claimId());
    }

    @EventSourcingHandler
    void on(CoverageReleasedEvent event) {
        reservedByClaim.remove(event.claimId());
    }
}
