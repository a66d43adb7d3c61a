package dev.regent.insurer.policy;

import dev.regent.domain.shared.MonetaryAmount;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An endorsement: the policy covers up to a new limit from now on. */
public record ChangeCoverageLimitCommand(@TargetAggregateIdentifier PolicyId policyId, MonetaryAmount coverageLimit) {
}
