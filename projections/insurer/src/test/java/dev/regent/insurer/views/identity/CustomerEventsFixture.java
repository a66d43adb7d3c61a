package dev.regent.insurer.views.identity;

import dev.regent.insurer.identity.CustomerContactChangedEvent;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.domain.ownership.OwnershipMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A customer's stream as the owner region eu would publish it. */
final class CustomerEventsFixture {

    private CustomerEventsFixture() {
    }

    static List<DomainEventMessage<?>> streamOf(String customerId, int contactChanges) {
        CustomerId id = new CustomerId(customerId);
        List<DomainEventMessage<?>> stream = new ArrayList<>();
        stream.add(event(customerId, 0, new CustomerRegisteredEvent(id, "Amélie Poulain", "amelie@example.fr",
                "+33 1 00 00 00 00", "FR", "fr")));
        for (int change = 1; change <= contactChanges; change++) {
            stream.add(event(customerId, change, new CustomerContactChangedEvent(id, "amelie" + change + "@example.fr",
                    "+33 1 00 00 00 " + String.format("%02d", change))));
        }
        return stream;
    }

    static DomainEventMessage<?> event(String customerId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("CustomerIdentity", customerId, sequence, payload,
                Map.of(OwnershipMetadata.ORIGIN_REGION, "eu", OwnershipMetadata.OWNER_EPOCH, "1"),
                customerId + "-" + sequence, Instant.parse("2026-11-23T10:00:00Z").plusSeconds(sequence));
    }
}
