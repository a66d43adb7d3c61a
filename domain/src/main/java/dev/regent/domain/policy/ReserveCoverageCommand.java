package dev.regent.domain.policy;

import dev.regent.domain.shared.MonetaryAmount;
import dev.regent.domain.shared.Values;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserves part of the policy's coverage for a claim. Answered by an event, once per claim: repeating the request
 * changes nothing.
 */
public record ReserveCoverageCommand(@TargetAggregateIdentifier PolicyId policyId, String claimId,
                                     MonetaryAmount amount) {

    public ReserveCoverageCommand {
        claimId = Values.requireIdentifier("claimId", claimId);
    }
}
