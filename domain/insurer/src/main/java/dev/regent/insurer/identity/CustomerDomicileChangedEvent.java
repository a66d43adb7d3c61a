package dev.regent.insurer.identity;

import dev.regent.domain.ownership.HomeChanged;
import org.axonframework.serialization.Revision;

/** The customer's new country of domicile: the home attribute of her ownership. */
@Revision("1")
public record CustomerDomicileChangedEvent(CustomerId customerId, String domicile) implements HomeChanged {

    @Override
    public String home() {
        return domicile;
    }
}
