package dev.regent.insurer.policy;

import dev.regent.insurer.identity.CustomerId;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.domain.shared.MonetaryAmount;
import dev.regent.domain.shared.Values;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserves part of the policy's coverage for a claim by {@code claimant}, who must be the policy's holder. Answered
 * by an event, once per claim: repeating the request changes nothing.
 */
public record ReserveCoverageCommand(@TargetAggregateIdentifier PolicyId policyId, String claimId,
                                     CustomerId claimant, MonetaryAmount amount) {

    public ReserveCoverageCommand {
        claimId = Values.requireIdentifier("claimId", claimId);
        if (claimant == null) {
            throw new InvalidValueException("claimant", "is required");
        }
    }
}
