package dev.regent.infrastructure.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Brings one event type from one revision to the next, on the payload's JSON. Chained, upcasters of 1 → 2 and
 * 2 → 3 read a revision 1 event as revision 3. Register each as a Spring bean of type {@code EventUpcaster}: Axon
 * adds it to the regions' upcaster chain.
 */
public abstract class JsonRevisionUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    protected JsonRevisionUpcaster(Class<?> eventType, String fromRevision, String toRevision) {
        this.from = new SimpleSerializedType(eventType.getName(), fromRevision);
        this.to = new SimpleSerializedType(eventType.getName(), toRevision);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class,
                payload -> upcast(((ObjectNode) payload).deepCopy()));
    }

    /**
     * @param payload a copy of the event's JSON at the older revision, as stored or mirrored; change it freely, but
     *                keep a field the newer revision added when it is there already: a region holding its revision
     *                back ({@code regent.events.written-revisions}) writes the new fields under the older revision
     */
    protected abstract ObjectNode upcast(ObjectNode payload);
}
