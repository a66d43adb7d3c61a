package dev.regent.domain.policy;

import dev.regent.domain.ownership.NativeOwnership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An insurance policy, owned by the region that issued it. */
@NativeOwnership
public class Policy {

    @AggregateIdentifier
    private PolicyId policyId;

    protected Policy() {
        // for Axon
    }

    @CommandHandler
    public Policy(IssuePolicyCommand command) {
        apply(new PolicyIssuedEvent(command.policyId(), command.customerId(), command.product().value(),
                command.coverageLimit().value()));
    }

    @EventSourcingHandler
    void on(PolicyIssuedEvent event) {
        policyId = event.policyId();
    }
}
