package dev.regent.insurer.policy;

import dev.regent.insurer.identity.CustomerId;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

@Revision("1")
public record PolicyIssuedEvent(PolicyId policyId, CustomerId customerId, String product, BigDecimal coverageLimit) {
}
