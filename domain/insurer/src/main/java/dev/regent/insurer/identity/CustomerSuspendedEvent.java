package dev.regent.insurer.identity;

import dev.regent.domain.residency.DataClass;
import dev.regent.domain.residency.DataSubject;
import dev.regent.domain.residency.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CustomerSuspendedEvent(@DataSubject CustomerId customerId,
                                     @PersonalData(DataClass.SENSITIVE) String reason) {
}
