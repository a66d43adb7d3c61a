package dev.regent.insurer.claims;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectClaimCommand(@TargetAggregateIdentifier ClaimId claimId, RejectionReason reason, String detail) {
}
