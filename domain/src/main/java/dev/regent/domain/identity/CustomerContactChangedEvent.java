package dev.regent.domain.identity;

import org.axonframework.serialization.Revision;

/** Carries the complete new contact, not a delta, so a replica never has to merge. */
@Revision("1")
public record CustomerContactChangedEvent(CustomerId customerId, String email, String phone) {
}
