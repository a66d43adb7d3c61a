package dev.regent.insurer.policy;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

@Revision("1")
public record CoverageReservedEvent(PolicyId policyId, String claimId, BigDecimal amount, BigDecimal remaining) {
}
