package dev.regent.infrastructure.kafka;

import dev.regent.domain.ownership.OwnershipAssignedEvent;
import dev.regent.domain.ownership.OwnershipTransferredEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Keys every Kafka record by its aggregate id, so one aggregate's events share a partition and keep their order
 * through MirrorMaker 2. Ownership assignments and transfers are keyed by their aggregate, so they travel with it.
 */
public class AggregateKeySequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent.getAggregateIdentifier();
        }
        if (event.getPayload() instanceof OwnershipAssignedEvent assignment) {
            return assignment.aggregateId();
        }
        if (event.getPayload() instanceof OwnershipTransferredEvent transfer) {
            return transfer.aggregateId();
        }
        return event.getIdentifier();
    }
}
