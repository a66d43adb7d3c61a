package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.NotOwnerException;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import dev.regent.infrastructure.postgres.ForwardingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event store's side of write authority: an append of an event for an aggregate this region does not own, or under
 * an epoch that is not the current one, is refused whatever the caller (command handler, saga, deadline, test code).
 * The ownership rows are share-locked until the append's transaction ends. Every appended event is stamped with the
 * region that appended it and, for aggregate events, the owner epoch it was appended under.
 */
public class OwnerFencedEventStorageEngine extends ForwardingEventStorageEngine {

    private final JdbcOwnershipRegistry registry;
    private final Region localRegion;
    private final String localRegionName;
    private final Counter refusedAppends;

    public OwnerFencedEventStorageEngine(EventStorageEngine delegate, JdbcOwnershipRegistry registry,
                                         Region localRegion, MeterRegistry meters) {
        super(delegate);
        this.registry = registry;
        this.localRegion = localRegion;
        this.localRegionName = localRegion.name();
        this.refusedAppends = Counter.builder("regent.ownership.refused.appends")
                .description("Appends refused because this region does not own the aggregate under the current epoch")
                .register(meters);
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Set<String> aggregateIds = new LinkedHashSet<>();
        events.forEach(event -> {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                aggregateIds.add(domainEvent.getAggregateIdentifier());
            }
        });
        Map<String, Ownership> owners = registry.lockForAppend(aggregateIds);
        delegate.appendEvents(events.stream().map(event -> fenceAndStamp(event, owners)).toList());
    }

    private EventMessage<?> fenceAndStamp(EventMessage<?> event, Map<String, Ownership> owners) {
        if (!(event instanceof DomainEventMessage<?> domainEvent)) {
            return event.andMetaData(Map.of(OwnershipMetadata.ORIGIN_REGION, localRegionName));
        }
        String aggregateId = domainEvent.getAggregateIdentifier();
        Ownership ownership = owners.get(aggregateId);
        if (ownership == null) {
            throw refuse(aggregateId, null, "no region has been assigned ownership of it");
        }
        if (!ownership.isOwnedBy(localRegion)) {
            throw refuse(aggregateId, ownership.owner(),
                    "it is owned by " + ownership.owner() + " (epoch " + ownership.epoch() + ")");
        }
        if (event.getMetaData().containsKey(OwnershipMetadata.IMPORTED_FROM)) {
            return event; // a former owner's event, copied by the new owner on takeover: its stamps stay as they were
        }
        Optional<Long> claimedEpoch = OwnershipMetadata.epoch(event.getMetaData(), OwnershipMetadata.OWNER_EPOCH);
        if (claimedEpoch.isPresent() && claimedEpoch.get() != ownership.epoch()) {
            throw refuse(aggregateId, ownership.owner(), "the event claims epoch " + claimedEpoch.get()
                    + ", the current epoch is " + ownership.epoch());
        }
        return event.andMetaData(Map.of(OwnershipMetadata.ORIGIN_REGION, localRegionName,
                OwnershipMetadata.OWNER_EPOCH, Long.toString(ownership.epoch())));
    }

    private NotOwnerException refuse(String aggregateId, Region owner, String reason) {
        refusedAppends.increment();
        return new NotOwnerException(aggregateId, localRegion, owner, "append refused: " + reason);
    }
}
