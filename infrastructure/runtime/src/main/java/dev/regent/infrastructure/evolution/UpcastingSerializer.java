package dev.regent.infrastructure.evolution;

import dev.regent.infrastructure.postgres.DelegatingSerializer;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads event payloads kept outside the event store through the regions' upcaster chain too. Axon upcasts what its
 * event store and Kafka source read, but a read model keeps events of its own, in their serialized form: the ones it
 * parked (dead letters) and the ones it holds behind a gap. Parked before an upgrade and retried after it, they would
 * otherwise reach the new code at their old revision, read leniently without what the upcasters add. Payloads the
 * chain already brought up pass through.
 * <p>
 * Upcasters see such a payload without its metadata and aggregate: Regent's upcasters read the payload alone.
 */
public class UpcastingSerializer extends DelegatingSerializer {

    private final Supplier<Stream<EventUpcaster>> upcasters;
    private volatile EventUpcasterChain chain;
    /** Types (name and revision) the chain leaves as they are: no upcaster reads them, so no need to ask again. */
    private final Map<SerializedType, Boolean> current = new ConcurrentHashMap<>();

    /** @param upcasters the regions' upcasters, in chain order; asked for on first use (they are Spring beans) */
    public UpcastingSerializer(Serializer delegate, Supplier<Stream<EventUpcaster>> upcasters) {
        super(delegate);
        this.upcasters = upcasters;
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        SerializedType type = serialized.getType();
        if (type.getRevision() == null || current.containsKey(type)) {
            return delegate.deserialize(serialized);
        }
        List<IntermediateEventRepresentation> upcast = chain().upcast(Stream.of(
                new InitialEventRepresentation(entry(serialized), delegate))).toList();
        if (upcast.size() != 1) {
            throw new IllegalStateException("The upcasters turned one " + type.getName() + " revision "
                    + type.getRevision() + " into " + upcast.size() + " events: a single payload cannot be read so");
        }
        if (upcast.get(0).getType().equals(type)) {
            current.put(type, Boolean.TRUE);
            return delegate.deserialize(serialized);
        }
        return delegate.deserialize(upcast.get(0).getData());
    }

    private <S> GenericDomainEventEntry<S> entry(SerializedObject<S> serialized) {
        S metaData = delegate.serialize(MetaData.emptyInstance(), serialized.getContentType()).getData();
        return new GenericDomainEventEntry<>("unknown", "unknown", 0, "unknown", Instant.EPOCH, serialized.getType().getName(),
                serialized.getType().getRevision(), serialized.getData(), metaData);
    }

    private EventUpcasterChain chain() {
        EventUpcasterChain built = chain;
        if (built == null) {
            built = new EventUpcasterChain(upcasters.get().toList());
            chain = built;
        }
        return built;
    }

}
