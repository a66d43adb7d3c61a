package dev.regent.insurer.claims;

import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.domain.shared.MonetaryAmount;
import dev.regent.domain.shared.Values;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Files a claim in the region that handles it, which then owns it. */
public record FileClaimCommand(@TargetAggregateIdentifier ClaimId claimId,
                               PolicyId policyId,
                               CustomerId customerId,
                               MonetaryAmount amount,
                               String description) {

    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    public FileClaimCommand {
        description = Values.requireText("description", description, MAX_DESCRIPTION_LENGTH);
    }
}
