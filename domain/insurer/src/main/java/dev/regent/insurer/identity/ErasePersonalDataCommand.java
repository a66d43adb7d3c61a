package dev.regent.insurer.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The customer's right to be forgotten: their personal data becomes unreadable everywhere, history stays. */
public record ErasePersonalDataCommand(@TargetAggregateIdentifier CustomerId customerId) {
}
