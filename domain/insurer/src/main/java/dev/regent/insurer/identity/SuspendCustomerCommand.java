package dev.regent.insurer.identity;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.WhenOwnerUnavailable;
import dev.regent.domain.shared.Values;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Suspends a customer whose identity can no longer be vouched for (e.g. after a fraud signal). Queued during an owner
 * outage.
 */
@WhenOwnerUnavailable(FailoverPolicy.QUEUE)
public record SuspendCustomerCommand(@TargetAggregateIdentifier CustomerId customerId, String reason) {

    public static final int MAX_REASON_LENGTH = 500;

    public SuspendCustomerCommand {
        reason = Values.requireText("reason", reason, MAX_REASON_LENGTH);
    }
}
