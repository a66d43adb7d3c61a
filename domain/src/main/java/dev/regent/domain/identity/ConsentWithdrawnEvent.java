package dev.regent.domain.identity;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ConsentWithdrawnEvent(CustomerId customerId, ConsentPurpose purpose) {
}
