package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Applies the jurisdiction policy to every event on its way to one destination region, before it reaches the topic
 * MirrorMaker 2 mirrors there: each personal field is shared, redacted, pseudonymised, encrypted with its subject's
 * key or dropped; shared fields travel sealed for the destination ({@link Egress#forTransit}). Events come from the
 * event store, personal data already decrypted (or erased) for the owner. Toward the region itself (its never-mirrored
 * topic of region-locked events) personal values are sealed too, and nothing is audited: nothing crossed.
 */
public class ResidencyEgressConverter implements KafkaMessageConverter<String, byte[]> {

    /** Metadata naming what the policy did to the event's personal fields, for consumers and auditors. */
    public static final String EGRESS_METADATA = "regent-egress";

    private final KafkaMessageConverter<String, byte[]> delegate;
    private final Region owner;
    private final Region destination;
    private final Egress egress;
    private final EgressAudit audit;

    public ResidencyEgressConverter(KafkaMessageConverter<String, byte[]> delegate, Region owner, Region destination,
                                    Egress egress, EgressAudit audit) {
        this.delegate = delegate;
        this.owner = owner;
        this.destination = destination;
        this.egress = egress;
        this.audit = audit;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
        String eventType = event.getPayloadType().getSimpleName();
        List<EgressAction> actions = new ArrayList<>();
        StringJoiner decision = new StringJoiner(",");
        Object outbound = egress.forTransit(event.getPayload(), owner, destination, (field, action) -> {
            actions.add(action);
            decision.add(field.name() + "=" + action);
        });
        boolean crossesABorder = !owner.equals(destination);
        if (actions.isEmpty()) {
            if (crossesABorder) {
                audit.record(destination.name(), eventType, "shared", "shared", List.of());
            }
            return delegate.createKafkaMessage(event, topic);
        }
        if (crossesABorder) {
            audit.record(destination.name(), eventType, "protected", decision.toString(), actions);
        }
        return delegate.createKafkaMessage(ProtectedMessages.withPayload(event, outbound,
                Map.of(EGRESS_METADATA, decision.toString())), topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> consumerRecord) {
        return delegate.readKafkaMessage(consumerRecord);
    }
}
