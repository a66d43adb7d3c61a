package dev.regent.insurer.identity;

import dev.regent.domain.shared.Values;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the customer's owner region to vouch for the customer's identity, and say whether claims may be processed,
 * for one claim. Answered by an event, once per claim: repeating the request changes nothing.
 */
public record VerifyIdentityForClaimCommand(@TargetAggregateIdentifier CustomerId customerId, String claimId) {

    public VerifyIdentityForClaimCommand {
        claimId = Values.requireIdentifier("claimId", claimId);
    }
}
