package dev.regent.insurer.policy;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

@Revision("1")
public record CoverageReleasedEvent(PolicyId policyId, String claimId, BigDecimal amount) {
}
