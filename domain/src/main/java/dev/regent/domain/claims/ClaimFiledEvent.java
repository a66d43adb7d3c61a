package dev.regent.domain.claims;

import dev.regent.domain.identity.CustomerId;
import dev.regent.domain.policy.PolicyId;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

@Revision("1")
public record ClaimFiledEvent(ClaimId claimId, PolicyId policyId, CustomerId customerId, BigDecimal amount,
                              String description) {
}
