package dev.regent.infrastructure.transfer;

import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipChange;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.infrastructure.peer.Peers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

/**
 * The peer side of a planned transfer. At the owner: releases the aggregate to the asking region, which must be the
 * region it names, under the next epoch (from then on the owner's own appends are refused) and answers the
 * aggregate's whole stream, personal data readable, for the new owner to continue; asking again answers the same.
 * The handover then waits for the new owner's confirmation, under a deadline ({@link Handovers}). At the new owner:
 * answers whether it took over a handover its former owner wants to give up.
 */
@RestController
public class OwnershipReleaseEndpoint {

    public static final String PATH = "/internal/ownership/{aggregateId}/release";

    private static final Logger log = LoggerFactory.getLogger(OwnershipReleaseEndpoint.class);

    private final JdbcOwnershipRegistry registry;
    private final EventStorageEngine storage;
    private final StreamWireFormat wireFormat;
    private final TransactionTemplate transactions;
    private final Handovers handovers;
    private final ReleaseResidencyCheck residencyCheck;
    private final Peers peers;
    private final Region localRegion;
    private final Clock clock;

    public OwnershipReleaseEndpoint(JdbcOwnershipRegistry registry, EventStorageEngine storage,
                                    StreamWireFormat wireFormat, TransactionTemplate transactions,
                                    Handovers handovers, ReleaseResidencyCheck residencyCheck, Peers peers,
                                    Region localRegion, Clock clock) {
        this.registry = registry;
        this.storage = storage;
        this.wireFormat = wireFormat;
        this.transactions = transactions;
        this.handovers = handovers;
        this.residencyCheck = residencyCheck;
        this.peers = peers;
        this.localRegion = localRegion;
        this.clock = clock;
    }

    /**
     * The stream is read under the release's lock (in-flight appends commit first, later ones are refused), and
     * checked there: data the residency policy does not share with the new owner moves only with a relocation of its
     * data subject, or with a legal basis an operator stated; otherwise the release is undone and refused, naming
     * what would have crossed.
     */
    @PostMapping(path = PATH, consumes = "application/json", produces = "application/json")
    public ReleasedStream release(@PathVariable String aggregateId, @RequestBody ReleasedStream.Request request,
                                  Principal peer) {
        Region to = peers.requireNamed(peer, request.toRegion(), "a release");
        OwnershipChange.Why why = new OwnershipChange.Why(request.reason(), request.requestedBy(),
                request.legalBasis());
        record Released(Ownership ownership, List<DomainEventMessage<?>> stream) {
        }
        Released released;
        try {
            released = transactions.execute(status -> {
                Ownership next = registry.release(aggregateId, localRegion, to, why, clock.instant());
                List<DomainEventMessage<?>> stream = storage.readEvents(aggregateId).asStream()
                        .<DomainEventMessage<?>>map(event -> event).toList();
                residencyCheck.allow(next, stream, to, request);
                handovers.released(aggregateId, to, next.epoch());
                return new Released(next, stream);
            });
        } catch (IllegalStateException notOwnedHere) {
            throw new TransferRefusedException(notOwnedHere.getMessage());
        }
        List<StreamedEvent> events = released.stream().stream().map(wireFormat::toWire).toList();
        log.info("Released {} to {} under epoch {} ({} events handed over), asked by {}: {}{}", aggregateId, to,
                released.ownership().epoch(), events.size(), request.requestedBy(), request.reason(),
                request.relocation() ? " (relocation)" : request.legalBasis() == null ? ""
                        : " (legal basis: " + request.legalBasis() + ")");
        return new ReleasedStream(aggregateId, released.ownership().aggregateType(), to.name(),
                released.ownership().epoch(), released.ownership().rule(), events);
    }

    @PostMapping(path = "/internal/ownership/{aggregateId}/handover/{epoch}/confirm", produces = "application/json")
    public void confirm(@PathVariable String aggregateId, @PathVariable long epoch, Principal peer) {
        handovers.confirmedBy(peers.of(peer), aggregateId, epoch);
    }

    @PostMapping(path = "/internal/ownership/{aggregateId}/handover/{epoch}/abandon", produces = "application/json")
    public HandoverAnswer abandon(@PathVariable String aggregateId, @PathVariable long epoch, Principal peer) {
        return handovers.abandon(peers.of(peer), aggregateId, epoch);
    }
}
