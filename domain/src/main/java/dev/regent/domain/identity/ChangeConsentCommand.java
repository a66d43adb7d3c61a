package dev.regent.domain.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grants or withdraws the customer's consent to a purpose. Answers the customer's new version. */
public record ChangeConsentCommand(@TargetAggregateIdentifier CustomerId customerId, ConsentPurpose purpose,
                                   boolean granted) {
}
