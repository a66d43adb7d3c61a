package dev.regent.insurer.identity;

import org.axonframework.serialization.Revision;

/** The language the customer is served in from now on (ISO 639-1). */
@Revision("1")
public record PreferredLanguageChangedEvent(CustomerId customerId, String preferredLanguage) {
}
