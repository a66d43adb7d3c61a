package dev.regent.insurer.policy;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** The claim asked for more than the policy still covers. */
@Revision("1")
public record CoverageReservationRejectedEvent(PolicyId policyId, String claimId, BigDecimal requested,
                                               BigDecimal available) {
}
