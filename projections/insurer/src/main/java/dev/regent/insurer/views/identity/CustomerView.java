package dev.regent.insurer.views.identity;

import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.domain.residency.DataSubject;
import dev.regent.domain.residency.Erasure;
import dev.regent.domain.residency.PersonalData;

/**
 * A customer as a region knows it; personal fields as the residency policy lets this region see them.
 * {@code preferredLanguage} is null in rows built before it existed, until the view is rebuilt.
 */
public record CustomerView(@DataSubject String customerId, @PersonalData String name, @PersonalData String email,
                           @PersonalData String phone, String domicile, String preferredLanguage) {

    static CustomerView registered(CustomerRegisteredEvent event) {
        return new CustomerView(event.customerId().value(), event.name(), event.email(), event.phone(),
                event.domicile(), event.preferredLanguage());
    }

    /** The customer asked to be forgotten: their personal fields are gone here too, whatever form they had. */
    CustomerView erased() {
        return new CustomerView(customerId, Erasure.ERASED, Erasure.ERASED, Erasure.ERASED, domicile,
                preferredLanguage);
    }

    CustomerView withContact(String newEmail, String newPhone) {
        return new CustomerView(customerId, name, newEmail, newPhone, domicile, preferredLanguage);
    }

    CustomerView movedTo(String newDomicile) {
        return new CustomerView(customerId, name, email, phone, newDomicile, preferredLanguage);
    }

    CustomerView preferring(String language) {
        return new CustomerView(customerId, name, email, phone, domicile, language);
    }
}
