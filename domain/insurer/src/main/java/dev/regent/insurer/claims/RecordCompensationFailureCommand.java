package dev.regent.insurer.claims;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A compensation could not be carried out: the claim must be looked at by a person. */
public record RecordCompensationFailureCommand(@TargetAggregateIdentifier ClaimId claimId, ClaimStep step,
                                               String detail) {
}
