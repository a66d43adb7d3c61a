package dev.regent.insurer.policy;

import dev.regent.insurer.identity.CustomerId;
import dev.regent.domain.shared.MonetaryAmount;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issues a policy in the region that receives the command, which then owns it. */
public record IssuePolicyCommand(@TargetAggregateIdentifier PolicyId policyId,
                                 CustomerId customerId,
                                 ProductCode product,
                                 MonetaryAmount coverageLimit) {
}
