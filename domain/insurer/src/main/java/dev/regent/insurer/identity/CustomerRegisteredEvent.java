package dev.regent.insurer.identity;

import dev.regent.domain.residency.DataSubject;
import dev.regent.domain.residency.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * Personal fields are plain strings: events are facts, validated when they were commands.
 * <p>
 * Revision 2 added {@code preferredLanguage} (ISO 639-1), the domicile's language at registration
 * ({@link LanguageCode#defaultFor}); revision 1 events read as revision 2 with that default, through the regions'
 * upcaster chain. Like the domicile it is not classified: every region serving the customer needs it, and revision 1
 * events, whose personal fields are ciphertext or redacted where they are read, can only derive it from the domicile.
 */
@Revision("2")
public record CustomerRegisteredEvent(@DataSubject CustomerId customerId, @PersonalData String name,
                                      @PersonalData String email, @PersonalData String phone,
                                      String domicile, String preferredLanguage) {
}
