package dev.regent.infrastructure.containment;

import dev.regent.domain.containment.EventsVoided;
import dev.regent.domain.containment.VoidedEvent;
import dev.regent.infrastructure.postgres.ForwardingEventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.List;
import java.util.stream.Stream;

/**
 * Voids without rewriting: the store keeps every event as appended, and this engine hands each voided one out as a
 * {@link VoidedEvent} in its place, to whoever reads (aggregates loading, processors, egress, audits, transfers). An
 * appended {@link EventsVoided} correction, the owner's or one imported on a takeover, is recorded in the same
 * transaction.
 */
public class VoidingStorageEngine extends ForwardingEventStorageEngine {

    private final VoidedEvents voided;

    public VoidingStorageEngine(EventStorageEngine delegate, VoidedEvents voided) {
        super(delegate);
        this.voided = voided;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && EventsVoided.class.equals(event.getPayloadType())) {
                voided.record(domain.getAggregateIdentifier(), (EventsVoided) event.getPayload());
            }
        }
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> events = delegate.readEvents(trackingToken, mayBlock);
        return voided.isEmpty() ? events : events.map(this::inPlaceOfVoided);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        DomainEventStream events = delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
        return voided.isEmpty() ? events
                : DomainEventStream.of(events.asStream().map(this::inPlaceOfVoided), events::getLastSequenceNumber);
    }

    private TrackedEventMessage<?> inPlaceOfVoided(TrackedEventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domain) || voided.placeholderFor(event.getIdentifier()).isEmpty()) {
            return event;
        }
        return new GenericTrackedDomainEventMessage<>(event.trackingToken(), inPlaceOfVoided(domain));
    }

    private DomainEventMessage<?> inPlaceOfVoided(DomainEventMessage<?> event) {
        return voided.placeholderFor(event.getIdentifier()).<DomainEventMessage<?>>map(placeholder ->
                new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                        event.getSequenceNumber(), placeholder, event.getMetaData(), event.getIdentifier(),
                        event.getTimestamp())).orElse(event);
    }
}
