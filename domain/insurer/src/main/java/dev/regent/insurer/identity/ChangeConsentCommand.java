package dev.regent.insurer.identity;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.WhenOwnerUnavailable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Grants or withdraws the customer's consent to a purpose. Answers the customer's new version. Queued during an owner
 * outage: a withdrawal must reach the owner, late rather than never.
 */
@WhenOwnerUnavailable(FailoverPolicy.QUEUE)
public record ChangeConsentCommand(@TargetAggregateIdentifier CustomerId customerId, ConsentPurpose purpose,
                                   boolean granted) {
}
