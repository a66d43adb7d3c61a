package dev.regent.infrastructure.kafka;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.containment.FrozenEgress;
import dev.regent.infrastructure.containment.FrozenEgress.Held;
import dev.regent.infrastructure.containment.HeldEventsRelease;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * At a thaw, publishes each held event once, read again from the store, toward the destination it was held from: as
 * the egress would have (the residency policy applies), not as a resync, so sagas take it too. One unit of work per
 * destination and aggregate, acknowledged before the events are marked released: a failure publishes them again
 * later, and replicas skip what they already have. An event another active freeze selects is held again under it.
 */
public class HeldEgressRelease implements HeldEventsRelease {

    private static final Logger log = LoggerFactory.getLogger(HeldEgressRelease.class);

    private final EventStore eventStore;
    private final EgressPublishers publishers;
    private final FrozenEgress frozen;

    public HeldEgressRelease(EventStore eventStore, EgressPublishers publishers, FrozenEgress frozen) {
        this.eventStore = eventStore;
        this.publishers = publishers;
        this.frozen = frozen;
    }

    @Override
    public long release(String freezeId) {
        Map<String, List<Held>> byDestinationAndAggregate = frozen.heldBy(freezeId).stream().collect(
                Collectors.groupingBy(held -> held.destination() + '/' + held.aggregateId(), LinkedHashMap::new,
                        Collectors.toList()));
        long published = 0;
        for (List<Held> events : byDestinationAndAggregate.values()) {
            EgressPublisher publisher = publishers.toward(Region.of(events.get(0).destination()));
            DefaultUnitOfWork.startAndGet(null).execute(() -> events.forEach(held -> publisher.handle(read(held))));
            events.forEach(held -> frozen.released(freezeId, held));
            published += events.size();
        }
        if (published > 0) {
            log.info("Published {} events held by freeze {}", published, freezeId);
        }
        return published;
    }

    private DomainEventMessage<?> read(Held held) {
        return eventStore.readEvents(held.aggregateId(), held.sequenceNumber()).asStream()
                .filter(event -> event.getSequenceNumber() == held.sequenceNumber()).findFirst()
                .orElseThrow(() -> new IllegalStateException("Held event " + held.aggregateId() + " #"
                        + held.sequenceNumber() + " is not in the store"));
    }
}
