package dev.regent.insurer.views.policy;

import dev.regent.insurer.policy.PolicyIssuedEvent;

import java.math.BigDecimal;

/** A policy as a region knows it. */
public record PolicyView(String policyId, String customerId, String product, BigDecimal coverageLimit) {

    static PolicyView issued(PolicyIssuedEvent event) {
        return new PolicyView(event.policyId().value(), event.customerId().value(), event.product(),
                event.coverageLimit());
    }

    PolicyView withCoverageLimit(BigDecimal limit) {
        return new PolicyView(policyId, customerId, product, limit);
    }
}
