package dev.regent.insurer.identity;

import dev.regent.domain.residency.RegionLocked;
import org.axonframework.serialization.Revision;

/** Consent stays with the customer's owner: other regions learn only whether claims may be processed. */
@RegionLocked
@Revision("1")
public record ConsentWithdrawnEvent(CustomerId customerId, ConsentPurpose purpose) {
}
