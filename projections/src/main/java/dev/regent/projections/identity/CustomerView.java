package dev.regent.projections.identity;

import dev.regent.domain.identity.CustomerRegisteredEvent;
import dev.regent.domain.residency.Erasure;

/** A customer as a region knows it. */
public record CustomerView(String customerId, String name, String email, String phone, String domicile) {

    static CustomerView registered(CustomerRegisteredEvent event) {
        return new CustomerView(event.customerId().value(), event.name(), event.email(), event.phone(),
                event.domicile());
    }

    /** The customer asked to be forgotten: their personal fields are gone here too, whatever form they had. */
    CustomerView erased() {
        return new CustomerView(customerId, Erasure.ERASED, Erasure.ERASED, Erasure.ERASED, domicile);
    }

    CustomerView withContact(String newEmail, String newPhone) {
        return new CustomerView(customerId, name, newEmail, newPhone, domicile);
    }
}
