package dev.regent.infrastructure.residency;

import dev.regent.domain.residency.Erasure;
import dev.regent.infrastructure.postgres.ForwardingEventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import javax.crypto.SecretKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Personal data never lies in the event store in the clear: personal fields are encrypted with their subject's key
 * on append and decrypted on read, where a shredded key reads as {@code [ERASED]}. Appending an event that erases a
 * subject shreds its key in the same transaction. Everything built from the store (aggregates, projections,
 * rebuilds, audits, the Kafka egress) therefore sees erased data as erased, for good.
 */
public class PersonalDataProtectingStorageEngine extends ForwardingEventStorageEngine {

    private final SubjectKeys keys;
    private final Consumer<String> onErasure;

    public PersonalDataProtectingStorageEngine(EventStorageEngine delegate, SubjectKeys keys) {
        this(delegate, keys, aggregateId -> { });
    }

    /**
     * @param onErasure told of the aggregate of each event that erases a subject (e.g. to drop it from memory: what
     *                  it held in the clear is gone for good)
     */
    public PersonalDataProtectingStorageEngine(EventStorageEngine delegate, SubjectKeys keys,
                                               Consumer<String> onErasure) {
        super(delegate);
        this.keys = keys;
        this.onErasure = onErasure;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events.stream().map(this::protect).toList());
    }

    private EventMessage<?> protect(EventMessage<?> event) {
        PersonalDataModel model = PersonalDataModel.of(event.getPayloadType());
        if (model.erasesSubject()) {
            model.subjectOf(event.getPayload()).ifPresent(keys::shred);
            if (event instanceof DomainEventMessage<?> domainEvent) {
                onErasure.accept(domainEvent.getAggregateIdentifier());
            }
        }
        if (!model.hasPersonalData()) {
            return event;
        }
        Object payload = event.getPayload();
        Optional<SecretKey> key = model.subjectOf(payload).flatMap(keys::keyFor);
        Object encrypted = model.withPersonalFields(payload, (field, value) -> key
                .map(subjectKey -> FieldProtection.encrypt(subjectKey, value))
                .orElse(value == null ? null : Erasure.ERASED));
        return ProtectedMessages.withPayload(event, encrypted, Map.of());
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock).map(this::reveal);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        DomainEventStream stream = delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
        return DomainEventStream.of(stream.asStream().map(this::reveal), stream::getLastSequenceNumber);
    }

    private <M extends EventMessage<?>> M reveal(M event) {
        PersonalDataModel model = PersonalDataModel.of(event.getPayloadType());
        if (!model.hasPersonalData()) {
            return event;
        }
        Object payload = event.getPayload();
        Optional<SecretKey> key = model.subjectOf(payload).flatMap(keys::existingKeyFor);
        return ProtectedMessages.withPayload(event,
                model.withPersonalFields(payload, (field, value) -> FieldProtection.decrypt(key, value)), Map.of());
    }
}
