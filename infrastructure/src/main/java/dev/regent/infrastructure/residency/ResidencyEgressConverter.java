package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;
import dev.regent.domain.residency.Erasure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

import javax.crypto.SecretKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Applies the jurisdiction policy to every event on its way to one destination region, before it reaches the topic
 * MirrorMaker 2 mirrors there: each personal field is shared, redacted, pseudonymised, encrypted with its subject's
 * key or dropped. Events come from the event store, personal data already decrypted (or erased) for the owner.
 */
public class ResidencyEgressConverter implements KafkaMessageConverter<String, byte[]> {

    /** Metadata naming what the policy did to the event's personal fields, for consumers and auditors. */
    public static final String EGRESS_METADATA = "regent-egress";

    private final KafkaMessageConverter<String, byte[]> delegate;
    private final Region owner;
    private final Region destination;
    private final ResidencyPolicy policy;
    private final SubjectKeys keys;
    private final FieldProtection protection;
    private final EgressAudit audit;

    public ResidencyEgressConverter(KafkaMessageConverter<String, byte[]> delegate, Region owner, Region destination,
                                    ResidencyPolicy policy, SubjectKeys keys, FieldProtection protection,
                                    EgressAudit audit) {
        this.delegate = delegate;
        this.owner = owner;
        this.destination = destination;
        this.policy = policy;
        this.keys = keys;
        this.protection = protection;
        this.audit = audit;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
        PersonalDataModel model = PersonalDataModel.of(event.getPayloadType());
        String eventType = event.getPayloadType().getSimpleName();
        if (!model.hasPersonalData()) {
            audit.record(destination.name(), eventType, "shared", "shared", List.of());
            return delegate.createKafkaMessage(event, topic);
        }
        Object payload = event.getPayload();
        Optional<String> subject = model.subjectOf(payload);
        List<EgressAction> actions = new ArrayList<>();
        StringJoiner decision = new StringJoiner(",");
        Object outbound = model.withPersonalFields(payload, (field, value) -> {
            EgressAction action = policy.actionFor(owner, destination, field.dataClass());
            actions.add(action);
            decision.add(field.name() + "=" + action);
            return apply(action, value, subject);
        });
        audit.record(destination.name(), eventType, "protected", decision.toString(), actions);
        return delegate.createKafkaMessage(ProtectedMessages.withPayload(event, outbound,
                Map.of(EGRESS_METADATA, decision.toString())), topic);
    }

    private String apply(EgressAction action, String value, Optional<String> subject) {
        if (value == null || value.equals(Erasure.ERASED)) {
            return value;
        }
        return switch (action) {
            case SHARE -> value;
            case REDACT -> EgressAction.REDACTED;
            case PSEUDONYMISE -> protection.pseudonymise(value);
            case ENCRYPT -> {
                Optional<SecretKey> key = subject.flatMap(keys::existingKeyFor);
                yield key.map(subjectKey -> FieldProtection.encrypt(subjectKey, value)).orElse(Erasure.ERASED);
            }
            case DROP -> null;
        };
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> consumerRecord) {
        return delegate.readKafkaMessage(consumerRecord);
    }
}
