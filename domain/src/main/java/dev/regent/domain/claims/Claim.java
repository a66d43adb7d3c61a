package dev.regent.domain.claims;

import dev.regent.domain.ownership.NativeOwnership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An insurance claim, owned by the region that handles it. */
@NativeOwnership
public class Claim {

    @AggregateIdentifier
    private ClaimId claimId;

    protected Claim() {
        // for Axon
    }

    @CommandHandler
    public Claim(FileClaimCommand command) {
        apply(new ClaimFiledEvent(command.claimId(), command.policyId(), command.customerId(),
                command.amount().value(), command.description()));
    }

    @EventSourcingHandler
    void on(ClaimFiledEvent event) {
        claimId = event.claimId();
    }
}
