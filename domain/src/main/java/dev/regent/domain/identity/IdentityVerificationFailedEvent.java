package dev.regent.domain.identity;

import org.axonframework.serialization.Revision;

@Revision("1")
public record IdentityVerificationFailedEvent(CustomerId customerId, String claimId, String reason) {
}
