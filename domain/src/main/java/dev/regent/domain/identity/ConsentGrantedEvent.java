package dev.regent.domain.identity;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ConsentGrantedEvent(CustomerId customerId, ConsentPurpose purpose) {
}
