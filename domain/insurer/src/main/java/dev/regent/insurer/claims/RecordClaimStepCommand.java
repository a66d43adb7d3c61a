package dev.regent.insurer.claims;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records what happened in one step of the claim's settlement; a step {@code WAITING} makes the claim pending. */
public record RecordClaimStepCommand(@TargetAggregateIdentifier ClaimId claimId, ClaimStep step, StepOutcome outcome,
                                     String detail) {
}
