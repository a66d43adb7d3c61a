package dev.regent.infrastructure.containment;

import dev.regent.domain.containment.EventsVoided;
import dev.regent.domain.containment.FreezeScope;
import dev.regent.domain.containment.VoidedEvent;
import dev.regent.domain.ownership.OwnershipRegistry;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.infrastructure.ownership.AggregateCaches;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An operator's void, on the owner region: for each aggregate with events to void, one {@link EventsVoided} correction
 * appended to its stream (its own transaction; retried if a command appends meanwhile), its snapshots dropped and its
 * cached instance evicted. Events already voided, corrections and events of aggregates another region owns are left
 * out, so voiding again what was voided changes nothing.
 */
public class Voids {

    private static final Logger log = LoggerFactory.getLogger(Voids.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 5;
    private static final Set<String> NOT_VOIDABLE = Set.of(EventsVoided.class.getSimpleName(),
            VoidedEvent.class.getSimpleName());

    private final EventStorageEngine storage;
    private final VoidedEvents voided;
    private final OwnershipRegistry registry;
    private final AggregateCaches caches;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Region local;
    private final Clock clock;

    public Voids(EventStorageEngine storage, VoidedEvents voided, OwnershipRegistry registry, AggregateCaches caches,
                 JdbcTemplate jdbc, TransactionTemplate transactions, Region local, Clock clock) {
        this.storage = storage;
        this.voided = voided;
        this.registry = registry;
        this.caches = caches;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.local = local;
        this.clock = clock;
    }

    /**
     * @throws InvalidValueException when an id is not an event of this region's store (void it in its owner region)
     */
    public VoidOutcome voidEvents(Collection<String> eventIds, String reason, String voidedBy) {
        List<Target> targets = new ArrayList<>();
        jdbc.query(con -> {
            var statement = con.prepareStatement("select event_identifier, aggregate_identifier, sequence_number, "
                    + "type, payload_type from domain_event_entry where event_identifier = any(?)");
            statement.setArray(1, con.createArrayOf("varchar", eventIds.toArray(String[]::new)));
            return statement;
        }, rs -> {
            targets.add(new Target(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                    simpleName(rs.getString(5))));
        });
        List<String> unknown = eventIds.stream().filter(id -> targets.stream()
                .noneMatch(target -> target.eventId().equals(id))).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidValueException("eventIds", unknown.size() + " of them are not events of " + local
                    + "'s store (e.g. " + unknown.get(0) + "): void events in the region that owns them");
        }
        return apply(targets, reason, voidedBy, "ids");
    }

    /** Voids every event of this region's store that {@code scope} selects. */
    public VoidOutcome voidScope(FreezeScope scope, String reason, String voidedBy) {
        List<Target> targets = new ArrayList<>();
        var from = scope.writtenSince() == null ? storage.createTailToken() : storage.createTokenAt(scope.writtenSince());
        try (var events = storage.readEvents(from, false)) {
            events.filter(event -> event instanceof DomainEventMessage<?>)
                    .filter(event -> scope.matches(EventFactsOf.of(event)))
                    .map(event -> (DomainEventMessage<?>) event)
                    .forEach(event -> targets.add(new Target(event.getIdentifier(), event.getAggregateIdentifier(),
                            event.getSequenceNumber(), event.getType(), event.getPayloadType().getSimpleName())));
        }
        return apply(targets, reason, voidedBy, scope.describe());
    }

    private VoidOutcome apply(List<Target> targets, String reason, String voidedBy, String selection) {
        String voidId = "void-" + HexFormat.of().formatHex(randomBytes());
        Instant at = clock.instant();
        Map<String, List<Target>> byAggregate = new TreeMap<>();
        int elsewhere = 0;
        for (Target target : targets) {
            if (NOT_VOIDABLE.contains(target.eventType()) || voided.placeholderFor(target.eventId()).isPresent()) {
                continue;
            }
            if (!registry.find(target.aggregateId()).map(owner -> owner.isOwnedBy(local)).orElse(false)) {
                elsewhere++;
                continue;
            }
            byAggregate.computeIfAbsent(target.aggregateId(), id -> new ArrayList<>()).add(target);
        }
        Map<String, Integer> corrected = new LinkedHashMap<>();
        byAggregate.forEach((aggregateId, events) -> {
            events.sort(Comparator.comparingLong(Target::sequenceNumber));
            EventsVoided correction = new EventsVoided(voidId, events.stream().map(target ->
                    new EventsVoided.Voided(target.eventId(), target.sequenceNumber(), target.eventType())).toList(),
                    reason, voidedBy, at);
            append(aggregateId, events.get(0).aggregateType(), correction);
            corrected.put(aggregateId, events.size());
        });
        int count = corrected.values().stream().mapToInt(Integer::intValue).sum();
        log.warn("Void {} by {} ({}): {} events of {} aggregates voided ({}){}", voidId, voidedBy, reason, count,
                corrected.size(), selection, elsewhere > 0 ? ", " + elsewhere + " of aggregates owned elsewhere left"
                        : "");
        return new VoidOutcome(voidId, reason, voidedBy, at, count, List.copyOf(corrected.keySet()), elsewhere);
    }

    private void append(String aggregateId, String aggregateType, EventsVoided correction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    long next = storage.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
                    storage.appendEvents(List.of(new GenericDomainEventMessage<>(aggregateType, aggregateId, next,
                            correction)));
                    // A snapshot taken since would bring the voided events' effects back.
                    jdbc.update("delete from snapshot_event_entry where aggregate_identifier = ?", aggregateId);
                    caches.evict(aggregateId);
                });
                return;
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                // A command appended to the aggregate meanwhile: the correction goes after its event.
            }
        }
    }

    private static String simpleName(String payloadType) {
        return payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private record Target(String eventId, String aggregateId, long sequenceNumber, String aggregateType,
                          String eventType) {
    }

    /**
     * @param aggregateIds          the aggregates corrected, one {@link EventsVoided} each
     * @param ownedElsewhere        events selected but left: their aggregate is owned by another region
     */
    public record VoidOutcome(String voidId, String reason, String voidedBy, Instant voidedAt, int events,
                              List<String> aggregateIds, int ownedElsewhere) {
    }
}
