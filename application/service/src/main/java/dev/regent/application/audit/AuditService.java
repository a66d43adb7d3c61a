package dev.regent.application.audit;

import dev.regent.application.web.NotFoundException;
import dev.regent.domain.containment.VoidedEvent;
import dev.regent.domain.ownership.NotOwnerException;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.OwnershipRegistry;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.projections.replication.VersionedView;
import dev.regent.projections.replication.ViewDefinition;
import dev.regent.projections.replication.ViewStores;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Replays one aggregate's history, on its owner region, up to an instant or a sequence: voided events are shown struck
 * (who, when, why) and left out of the state.
 */
@Service
public class AuditService {

    private final EventStore eventStore;
    private final OwnershipRegistry registry;
    private final ViewStores views;
    private final Region localRegion;

    public AuditService(EventStore eventStore, OwnershipRegistry registry, ViewStores views, Region localRegion) {
        this.eventStore = eventStore;
        this.registry = registry;
        this.views = views;
        this.localRegion = localRegion;
    }

    /**
     * @param asOf       the state at this instant (events appended at or before it); null for no time limit
     * @param atSequence the state after this aggregate sequence number; null for no sequence limit (not with
     *                   {@code asOf}: one point in the history, named one way)
     * @throws NotOwnerException when this region does not own the aggregate: only the owner has its whole history
     */
    public AuditReport audit(String aggregateType, String aggregateId, Instant asOf, Long atSequence) {
        if (asOf != null && atSequence != null) {
            throw new InvalidValueException("atSequence", "cannot be combined with asOf: ask for the state at an "
                    + "instant or after a sequence number, not both");
        }
        if (atSequence != null && atSequence < 0) {
            throw new InvalidValueException("atSequence", "must be 0 or more, was " + atSequence);
        }
        Ownership ownership = registry.resolve(aggregateId);
        if (!ownership.aggregateType().equals(aggregateType)) {
            throw new NotFoundException(aggregateType, aggregateId, localRegion.name());
        }
        if (!ownership.isOwnedBy(localRegion)) {
            throw new NotOwnerException(aggregateId, localRegion, ownership.owner(),
                    "audits run on the owner region, which holds the whole history");
        }
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(aggregateId).asStream()
                .filter(event -> asOf == null || !event.getTimestamp().isAfter(asOf))
                .filter(event -> atSequence == null || event.getSequenceNumber() <= atSequence)
                .toList();
        Optional<? extends VersionedView<?>> state = views.followingAggregateType(aggregateType)
                .flatMap(view -> replay(view, aggregateId, events));
        return new AuditReport(aggregateId, aggregateType, asOf, atSequence, events.size(),
                state.map(VersionedView::state).orElse(null),
                events.stream().map(AuditService::trailEntry).toList(),
                registry.history(aggregateId).stream()
                        .filter(change -> asOf == null || !change.at().isAfter(asOf)).toList());
    }

    private <V> Optional<VersionedView<V>> replay(ViewDefinition<V> view, String aggregateId,
                                                 List<? extends DomainEventMessage<?>> events) {
        return events.isEmpty() ? Optional.empty() : views.replay(view, aggregateId, events);
    }

    private static AuditReport.Event trailEntry(DomainEventMessage<?> event) {
        AuditReport.Voided voided = event.getPayload() instanceof VoidedEvent placeholder
                ? new AuditReport.Voided(placeholder.voidId(), placeholder.voidedBy(), placeholder.voidedAt(),
                placeholder.reason()) : null;
        return new AuditReport.Event(event.getSequenceNumber(), event.getPayload() instanceof VoidedEvent placeholder
                ? placeholder.eventType() : event.getPayloadType().getSimpleName(),
                event.getTimestamp(),
                OwnershipMetadata.region(event.getMetaData(), OwnershipMetadata.ORIGIN_REGION).map(Region::name)
                        .orElse(null),
                OwnershipMetadata.epoch(event.getMetaData(), OwnershipMetadata.OWNER_EPOCH).orElse(null),
                OwnershipMetadata.region(event.getMetaData(), OwnershipMetadata.ACCEPTED_REGION).map(Region::name)
                        .orElse(null),
                voided == null ? event.getPayload() : null, voided);
    }
}
