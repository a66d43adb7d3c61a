package dev.regent.projections.identity;

import dev.regent.domain.identity.CustomerRegisteredEvent;

/** A customer as a region knows it. */
public record CustomerView(String customerId, String name, String email, String phone, String domicile) {

    static CustomerView registered(CustomerRegisteredEvent event) {
        return new CustomerView(event.customerId().value(), event.name(), event.email(), event.phone(),
                event.domicile());
    }

    CustomerView withContact(String newEmail, String newPhone) {
        return new CustomerView(customerId, name, newEmail, newPhone, domicile);
    }
}
