package dev.regent.infrastructure.residency;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;

import java.util.Map;

/** The same event (identity, metadata, time, aggregate coordinates, tracking token) with another payload. */
final class ProtectedMessages {

    private ProtectedMessages() {
    }

    static <M extends EventMessage<?>> M withPayload(M event, Object payload, Map<String, ?> extraMetaData) {
        return withMetaData(event, payload, event.getMetaData().mergedWith(extraMetaData));
    }

    /** The same event with another payload and metadata. */
    @SuppressWarnings("unchecked")
    static <M extends EventMessage<?>> M withMetaData(M event, Object payload, MetaData metaData) {
        GenericMessage<Object> message = new GenericMessage<>(event.getIdentifier(), payload, metaData);
        EventMessage<?> replaced = event instanceof DomainEventMessage<?> domainEvent
                ? new GenericDomainEventMessage<>(domainEvent.getType(), domainEvent.getAggregateIdentifier(),
                domainEvent.getSequenceNumber(), message, event.getTimestamp())
                : new GenericEventMessage<>(message, event::getTimestamp);
        if (event instanceof TrackedEventMessage<?> tracked) {
            return (M) (replaced instanceof DomainEventMessage<?> domainEvent
                    ? new GenericTrackedDomainEventMessage<>(tracked.trackingToken(), domainEvent)
                    : new GenericTrackedEventMessage<>(tracked.trackingToken(), replaced));
        }
        return (M) replaced;
    }
}
