package dev.regent.domain.identity;

import org.axonframework.serialization.Revision;

/** Personal fields are plain strings: events are facts, validated when they were commands. */
@Revision("1")
public record CustomerRegisteredEvent(CustomerId customerId, String name, String email, String phone,
                                      String domicile) {
}
