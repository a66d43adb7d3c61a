package dev.regent.insurer.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a customer identity; routed to the home region of {@code domicile}. */
public record RegisterCustomerCommand(@TargetAggregateIdentifier CustomerId customerId,
                                      PersonName name,
                                      EmailAddress email,
                                      PhoneNumber phone,
                                      CountryCode domicile) {
}
