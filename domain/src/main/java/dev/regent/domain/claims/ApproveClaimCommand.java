package dev.regent.domain.claims;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ApproveClaimCommand(@TargetAggregateIdentifier ClaimId claimId) {
}
