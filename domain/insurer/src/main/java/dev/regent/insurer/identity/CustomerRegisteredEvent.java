package dev.regent.insurer.identity;

import dev.regent.domain.residency.DataSubject;
import dev.regent.domain.residency.PersonalData;
import org.axonframework.serialization.Revision;

/** Personal fields are plain strings: events are facts, validated when they were commands. */
@Revision("1")
public record CustomerRegisteredEvent(@DataSubject CustomerId customerId, @PersonalData String name,
                                      @PersonalData String email, @PersonalData String phone,
                                      String domicile) {
}
