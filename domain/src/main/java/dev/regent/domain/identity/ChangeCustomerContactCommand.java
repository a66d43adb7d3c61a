package dev.regent.domain.identity;

import dev.regent.domain.shared.InvalidValueException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes how to reach the customer; a null field keeps its current value. Answers the customer's new version.
 */
public record ChangeCustomerContactCommand(@TargetAggregateIdentifier CustomerId customerId,
                                           EmailAddress email,
                                           PhoneNumber phone) {

    public ChangeCustomerContactCommand {
        if (email == null && phone == null) {
            throw new InvalidValueException("contact", "email or phone is required");
        }
    }
}
