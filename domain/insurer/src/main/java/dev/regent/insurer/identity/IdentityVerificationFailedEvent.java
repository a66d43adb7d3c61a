package dev.regent.insurer.identity;

import dev.regent.domain.residency.DataClass;
import dev.regent.domain.residency.DataSubject;
import dev.regent.domain.residency.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record IdentityVerificationFailedEvent(@DataSubject CustomerId customerId, String claimId,
                                              @PersonalData(DataClass.SENSITIVE) String reason) {
}
