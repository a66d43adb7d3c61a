package dev.regent.insurer.identity;

import org.axonframework.serialization.Revision;

/**
 * The owner vouches for the customer for this claim. Carries only the derived, non-personal fact a claim needs about
 * consent: whether claims processing is allowed.
 */
@Revision("1")
public record IdentityVerifiedEvent(CustomerId customerId, String claimId, boolean claimsProcessingAllowed) {
}
