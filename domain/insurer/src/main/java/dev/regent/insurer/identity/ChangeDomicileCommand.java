package dev.regent.insurer.identity;

import dev.regent.domain.shared.InvalidValueException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The customer now lives in another country. Answers the customer's new version; when the country's home region is
 * another region, the customer (and her personal data) is relocated there afterwards.
 */
public record ChangeDomicileCommand(@TargetAggregateIdentifier CustomerId customerId, CountryCode domicile) {

    public ChangeDomicileCommand {
        if (domicile == null) {
            throw new InvalidValueException("domicile", "is required");
        }
    }
}
