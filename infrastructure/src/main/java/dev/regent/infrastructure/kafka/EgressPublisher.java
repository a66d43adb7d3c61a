package dev.regent.infrastructure.kafka;

import dev.regent.domain.residency.WithheldEvent;
import dev.regent.infrastructure.residency.EgressAudit;
import dev.regent.infrastructure.residency.PersonalDataModel;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.messaging.GenericMessage;

import java.util.List;
import java.util.function.Supplier;

/**
 * One egress stream of this region: an event handler on its own tracking processor over the local event store (the
 * store is the outbox), publishing through a {@link KafkaPublisher} toward one destination, or to the region's own
 * never-mirrored topic when {@code destination} is null. Region-locked events only ever take the latter; the
 * destinations get a {@link WithheldEvent} in their place.
 */
public class EgressPublisher implements EventMessageHandler {

    private final Supplier<KafkaPublisher<String, byte[]>> publisherFactory;
    private final String destination;
    private final EgressAudit audit;
    private volatile KafkaPublisher<String, byte[]> publisher;

    /** @param publisherFactory builds the publisher on first use: its converter needs Axon's finished configuration */
    EgressPublisher(Supplier<KafkaPublisher<String, byte[]>> publisherFactory, String destination, EgressAudit audit) {
        this.publisherFactory = publisherFactory;
        this.destination = destination;
        this.audit = audit;
    }

    private KafkaPublisher<String, byte[]> publisher() {
        KafkaPublisher<String, byte[]> current = publisher;
        if (current == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = publisherFactory.get();
                }
                current = publisher;
            }
        }
        return current;
    }

    @Override
    public Object handle(EventMessage<?> event) {
        boolean regionLocked = PersonalDataModel.of(event.getPayloadType()).isRegionLocked();
        if (destination == null) {
            if (regionLocked) {
                publisher().send(event);
            }
        } else if (regionLocked) {
            audit.record(destination, event.getPayloadType().getSimpleName(), "region-locked", "region-locked",
                    List.of());
            if (event instanceof DomainEventMessage<?> domainEvent) {
                publisher().send(withheld(domainEvent));
            }
        } else {
            publisher().send(event);
        }
        return null;
    }

    /** What the destination gets instead: the aggregate's place in its sequence, nothing more. */
    private static DomainEventMessage<?> withheld(DomainEventMessage<?> event) {
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), new GenericMessage<>(event.getIdentifier(), new WithheldEvent(),
                event.getMetaData()), event.getTimestamp());
    }

    void shutDown() {
        if (publisher != null) {
            publisher.shutDown();
        }
    }
}
