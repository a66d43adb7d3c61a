package dev.regent.insurer.claims;

import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.policy.PolicyId;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

@Revision("1")
public record ClaimFiledEvent(ClaimId claimId, PolicyId policyId, CustomerId customerId, BigDecimal amount,
                              String description) {
}
