package dev.regent.insurer.identity;

import dev.regent.domain.residency.DataSubject;
import dev.regent.domain.residency.ErasesDataSubject;
import org.axonframework.serialization.Revision;

/** Appending it destroys the customer's key in the owner region; every region replaces their personal fields. */
@ErasesDataSubject
@Revision("1")
public record PersonalDataErasedEvent(@DataSubject CustomerId customerId) {
}
