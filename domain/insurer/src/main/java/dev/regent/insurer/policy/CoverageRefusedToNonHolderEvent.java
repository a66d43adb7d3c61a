package dev.regent.insurer.policy;

import dev.regent.insurer.identity.CustomerId;
import org.axonframework.serialization.Revision;

/** A claim asked for coverage on behalf of a customer who does not hold the policy: nothing was reserved. */
@Revision("1")
public record CoverageRefusedToNonHolderEvent(PolicyId policyId, String claimId, CustomerId claimant) {
}
