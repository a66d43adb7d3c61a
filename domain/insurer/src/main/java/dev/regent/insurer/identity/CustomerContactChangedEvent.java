package dev.regent.insurer.identity;

import dev.regent.domain.residency.DataSubject;
import dev.regent.domain.residency.PersonalData;
import org.axonframework.serialization.Revision;

/** Carries the complete new contact, not a delta, so a replica never has to merge. */
@Revision("1")
public record CustomerContactChangedEvent(@DataSubject CustomerId customerId, @PersonalData String email,
                                          @PersonalData String phone) {
}
