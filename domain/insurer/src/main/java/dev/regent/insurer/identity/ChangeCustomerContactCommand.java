package dev.regent.insurer.identity;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.WhenOwnerUnavailable;
import dev.regent.domain.shared.InvalidValueException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes how to reach the customer; a null field keeps its current value. Answers the customer's new version.
 * During an owner outage the change is captured where it was made, for the owner to adjudicate when it returns.
 */
@WhenOwnerUnavailable(FailoverPolicy.CAPTURE)
public record ChangeCustomerContactCommand(@TargetAggregateIdentifier CustomerId customerId,
                                           EmailAddress email,
                                           PhoneNumber phone) {

    public ChangeCustomerContactCommand {
        if (email == null && phone == null) {
            throw new InvalidValueException("contact", "email or phone is required");
        }
    }
}
