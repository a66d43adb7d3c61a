package dev.regent.domain.claims;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ClaimCompensationFailedEvent(ClaimId claimId, ClaimStep step, String detail) {
}
