package dev.regent.insurer.evolution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.insurer.identity.LanguageCode;
import dev.regent.infrastructure.evolution.JsonRevisionUpcaster;

/**
 * Revision 1 → 2: registrations recorded before customers had a preferred language are served in their domicile's
 * ({@link LanguageCode#defaultFor}), as revision 2 registrations are by default. Only the unclassified domicile is
 * read: the personal fields pass through untouched, as ciphertext at rest in the owner's store, or as the residency
 * policy let them leave (encrypted, redacted, pseudonymised, dropped) in a mirrored topic.
 */
final class CustomerRegisteredEventUpcaster extends JsonRevisionUpcaster {

    static final String LANGUAGE = "preferredLanguage";

    CustomerRegisteredEventUpcaster() {
        super(CustomerRegisteredEvent.class, "1", "2");
    }

    @Override
    protected ObjectNode upcast(ObjectNode payload) {
        if (!payload.hasNonNull(LANGUAGE)) {
            payload.put(LANGUAGE, LanguageCode.defaultFor(payload.path("domicile").asText(null)).value());
        }
        return payload;
    }
}
