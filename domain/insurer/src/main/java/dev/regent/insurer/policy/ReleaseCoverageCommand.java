package dev.regent.insurer.policy;

import dev.regent.domain.shared.Values;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back what a claim reserved (the compensation of a reservation). Releasing nothing is not an error. */
public record ReleaseCoverageCommand(@TargetAggregateIdentifier PolicyId policyId, String claimId) {

    public ReleaseCoverageCommand {
        claimId = Values.requireIdentifier("claimId", claimId);
    }
}
