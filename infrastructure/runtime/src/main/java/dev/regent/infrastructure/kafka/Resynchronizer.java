package dev.regent.infrastructure.kafka;

import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Repairs another region's replicas: publishes again, toward that region only and through the same residency policy,
 * every event of the given aggregates. Marked as a resync, so that only read models take them; replaying is safe
 * because replicas skip what they already have.
 */
public class Resynchronizer {

    private static final Logger log = LoggerFactory.getLogger(Resynchronizer.class);

    private final EventStore eventStore;
    private final EgressPublishers publishers;

    public Resynchronizer(EventStore eventStore, EgressPublishers publishers) {
        this.eventStore = eventStore;
        this.publishers = publishers;
    }

    /** @return how many events were published again */
    public long resync(Region destination, Collection<String> aggregateIds) {
        EgressPublisher publisher = publishers.toward(destination);
        AtomicLong published = new AtomicLong();
        for (String aggregateId : aggregateIds) {
            // One unit of work per aggregate: its events are acknowledged together when it commits.
            DefaultUnitOfWork.startAndGet(null).execute(() ->
                    eventStore.readEvents(aggregateId).asStream().forEach(event -> {
                        publisher.handle(event.andMetaData(Map.of(OwnershipMetadata.RESYNC, "true")));
                        published.incrementAndGet();
                    }));
        }
        log.info("Published {} events of {} aggregates again toward {}", published.get(), aggregateIds.size(),
                destination);
        return published.get();
    }
}
