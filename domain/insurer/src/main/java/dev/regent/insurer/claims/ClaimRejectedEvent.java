package dev.regent.insurer.claims;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ClaimRejectedEvent(ClaimId claimId, RejectionReason reason, String detail) {
}
