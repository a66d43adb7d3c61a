package dev.regent.infrastructure.transfer;

import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.infrastructure.region.RegentProperties;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/**
 * The owner's side of a planned transfer: releases the aggregate to the asking region under the next epoch (from then
 * on its own appends are refused), and answers the aggregate's whole stream, personal data readable, for the new owner
 * to continue. Asking again answers the same.
 */
@RestController
public class OwnershipReleaseEndpoint {

    public static final String PATH = "/internal/ownership/{aggregateId}/release";

    private static final Logger log = LoggerFactory.getLogger(OwnershipReleaseEndpoint.class);

    private final JdbcOwnershipRegistry registry;
    private final EventStorageEngine storage;
    private final StreamWireFormat wireFormat;
    private final TransactionTemplate transactions;
    private final RegentProperties properties;
    private final Region localRegion;
    private final Clock clock;

    public OwnershipReleaseEndpoint(JdbcOwnershipRegistry registry, EventStorageEngine storage,
                                    StreamWireFormat wireFormat, TransactionTemplate transactions,
                                    RegentProperties properties, Region localRegion, Clock clock) {
        this.registry = registry;
        this.storage = storage;
        this.wireFormat = wireFormat;
        this.transactions = transactions;
        this.properties = properties;
        this.localRegion = localRegion;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = "application/json", produces = "application/json")
    public ReleasedStream release(@PathVariable String aggregateId, @RequestBody ReleasedStream.Request request) {
        Region to = properties.knownRegion(request.toRegion());
        Ownership released;
        try {
            released = transactions.execute(status ->
                    registry.release(aggregateId, localRegion, to, request.reason(), clock.instant()));
        } catch (IllegalStateException notOwnedHere) {
            throw new TransferRefusedException(notOwnedHere.getMessage());
        }
        // Read after the release committed: every append that could still happen before it has happened.
        List<StreamedEvent> events = storage.readEvents(aggregateId).asStream()
                .map(event -> wireFormat.toWire((DomainEventMessage<?>) event)).toList();
        log.info("Released {} to {} under epoch {} ({} events handed over): {}", aggregateId, to, released.epoch(),
                events.size(), request.reason());
        return new ReleasedStream(aggregateId, released.aggregateType(), to.name(), released.epoch(),
                released.rule(), events);
    }
}
