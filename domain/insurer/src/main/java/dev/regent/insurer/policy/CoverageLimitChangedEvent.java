package dev.regent.insurer.policy;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

@Revision("1")
public record CoverageLimitChangedEvent(PolicyId policyId, BigDecimal coverageLimit) {
}
