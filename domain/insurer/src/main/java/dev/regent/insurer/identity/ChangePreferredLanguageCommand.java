package dev.regent.insurer.identity;

import dev.regent.domain.shared.InvalidValueException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The customer wants to be served in another language. Answers the customer's version after the change. */
public record ChangePreferredLanguageCommand(@TargetAggregateIdentifier CustomerId customerId,
                                             LanguageCode preferredLanguage) {

    public ChangePreferredLanguageCommand {
        if (preferredLanguage == null) {
            throw new InvalidValueException("preferredLanguage", "is required");
        }
    }
}
