package dev.regent.insurer.claims;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ApproveClaimCommand(@TargetAggregateIdentifier ClaimId claimId) {
}
