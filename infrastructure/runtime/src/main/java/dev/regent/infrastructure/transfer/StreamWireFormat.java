package dev.regent.infrastructure.transfer;

import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.infrastructure.routing.ForwardedCommand.SerializedPart;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;

import java.time.Instant;

/** Converts an aggregate's events to and from the wire, with Axon's event serializer; ids and sequences are kept. */
public class StreamWireFormat {

    private final Serializer serializer;

    public StreamWireFormat(Serializer serializer) {
        this.serializer = serializer;
    }

    public StreamedEvent toWire(DomainEventMessage<?> event) {
        return new StreamedEvent(event.getIdentifier(), event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getTimestamp().toString(), serialize(event.getPayload()),
                serialize(event.getMetaData()));
    }

    /** The event as the new owner stores it: unchanged, but marked as copied from {@code formerOwner}. */
    public DomainEventMessage<?> fromWire(StreamedEvent wire, String formerOwner) {
        Object payload = deserialize(wire.payload());
        MetaData metaData = this.<MetaData>deserialize(wire.metaData());
        return new GenericDomainEventMessage<>(wire.aggregateType(), wire.aggregateId(), wire.sequence(), payload,
                metaData.and(OwnershipMetadata.IMPORTED_FROM, formerOwner), wire.identifier(),
                Instant.parse(wire.timestamp()));
    }

    private SerializedPart serialize(Object object) {
        return SerializedPart.of(object, serializer);
    }

    private <T> T deserialize(SerializedPart part) {
        return part.read(serializer);
    }
}
