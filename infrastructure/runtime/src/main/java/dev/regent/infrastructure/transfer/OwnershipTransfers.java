package dev.regent.infrastructure.transfer;

import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipChange;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.OwnershipTransferredEvent;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves ownership of an aggregate to this region. The new owner continues the aggregate's own stream: it copies the
 * events up to the takeover point into its store (keeping their ids, sequences, origin and epoch), records itself as
 * owner under the next epoch and appends an {@link OwnershipTransferredEvent}, all in one transaction, then appends
 * under the new epoch only.
 */
public class OwnershipTransfers {

    private static final Logger log = LoggerFactory.getLogger(OwnershipTransfers.class);

    private final JdbcOwnershipRegistry registry;
    private final ReleaseClient releases;
    private final Handovers handovers;
    private final StreamWireFormat wireFormat;
    private final MirroredStreamReader mirrored;
    private final EventStorageEngine storage;
    private final EventBus eventBus;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Region localRegion;
    private final Clock clock;

    public OwnershipTransfers(JdbcOwnershipRegistry registry, ReleaseClient releases, Handovers handovers,
                              StreamWireFormat wireFormat,
                              MirroredStreamReader mirrored, EventStorageEngine storage, EventBus eventBus,
                              JdbcTemplate jdbc, TransactionTemplate transactions, Region localRegion, Clock clock) {
        this.registry = registry;
        this.releases = releases;
        this.handovers = handovers;
        this.wireFormat = wireFormat;
        this.mirrored = mirrored;
        this.storage = storage;
        this.eventBus = eventBus;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.localRegion = localRegion;
        this.clock = clock;
    }

    /**
     * @param order what is asked, and by whom. {@code force}: the owner is given up for lost; take over from what was
     *              replicated here, without asking it (an operator's decision: an owner that is in fact alive but cut
     *              off keeps writing until it learns of the transfer, and those writes are then reported there, not
     *              merged)
     * @throws TransferRefusedException  when it cannot be done (already the owner; replicated copy incomplete or
     *                                   protected; data the residency policy does not share with this region)
     * @throws OwnerUnavailableException when the owner does not answer a planned transfer
     */
    public TransferOutcome transferHere(String aggregateId, TransferOrder order) {
        Ownership current = registry.resolve(aggregateId);
        if (current.isOwnedBy(localRegion)) {
            throw new TransferRefusedException(aggregateId + " is already owned by " + localRegion + " (epoch "
                    + current.epoch() + ")");
        }
        Region former = current.owner();
        boolean force = order.force();
        Handover handover = handover(current, order);
        List<DomainEventMessage<?>> stream = handover.stream();
        long epoch = handover.epoch();
        long fromSequence = stream.isEmpty() ? -1 : stream.get(stream.size() - 1).getSequenceNumber();
        Ownership next = new Ownership(aggregateId, current.aggregateType(), localRegion, epoch, current.rule());
        int copied = transactions.execute(status -> {
            registry.lockForCommand(aggregateId, true);
            if (!force) {
                handovers.requireNotVoid(aggregateId, epoch);
            }
            registry.recordTransfer(next, new OwnershipChange.Why(order.reason(), order.requestedBy(),
                    order.legalBasis()), clock.instant());
            long have = StoredStreams.lastSequence(jdbc, aggregateId);
            // Marked with the takeover's epoch: read models everywhere start the aggregate's row again from the copy.
            List<DomainEventMessage<?>> missing = stream.stream()
                    .filter(event -> event.getSequenceNumber() > have)
                    .<DomainEventMessage<?>>map(event -> event.andMetaData(Map.of(
                            OwnershipMetadata.IMPORTED_AT_EPOCH, Long.toString(epoch))))
                    .toList();
            storage.appendEvents(missing);
            eventBus.publish(GenericEventMessage.asEventMessage(new OwnershipTransferredEvent(aggregateId,
                    current.aggregateType(), former.name(), localRegion.name(), epoch, fromSequence, current.rule(),
                    order.reason(), order.requestedBy(), order.legalBasis())));
            return missing.size();
        });
        if (!force) {
            handovers.confirmTo(former, aggregateId, epoch);
        }
        log.info("Took over {} from {} ({}): epoch {}, from sequence {}, {} events copied; asked by {}: {}",
                aggregateId, former, handover.mode(), epoch, fromSequence, copied, order.requestedBy(), order.reason());
        return new TransferOutcome(aggregateId, current.aggregateType(), former.name(), localRegion.name(), epoch,
                fromSequence, copied, handover.mode());
    }

    /**
     * Transfers every aggregate {@code from} owns (of one type, or all) to this region, one by one; one that cannot be
     * transferred is reported and the others go on.
     */
    public BulkTransferOutcome transferAllHere(Region from, String aggregateType, TransferOrder order) {
        if (from.equals(localRegion)) {
            throw new TransferRefusedException("The aggregates of " + from + " are already owned here");
        }
        List<String> ids = registry.ownedBy(from, aggregateType);
        List<TransferOutcome> transferred = new ArrayList<>();
        List<BulkTransferOutcome.Refusal> refused = new ArrayList<>();
        for (String id : ids) {
            try {
                transferred.add(transferHere(id, order));
            } catch (RuntimeException e) {
                refused.add(new BulkTransferOutcome.Refusal(id, e.getMessage()));
            }
            int done = transferred.size() + refused.size();
            if (done % 100 == 0 || done == ids.size()) {
                log.info("Transferring {} of {} to {}: {}/{} done, {} refused", aggregateType == null ? "all"
                        : aggregateType, from, localRegion, done, ids.size(), refused.size());
            }
        }
        return new BulkTransferOutcome(ids.size(), transferred, refused);
    }

    /** The stream to continue, and the epoch to continue it under. */
    private record Handover(List<DomainEventMessage<?>> stream, long epoch, String mode) {
    }

    private Handover handover(Ownership current, TransferOrder order) {
        Region former = current.owner();
        if (order.force()) {
            return new Handover(mirrored.read(former, current.aggregateId()), current.epoch() + 1, "FORCED");
        }
        try {
            ReleasedStream released = releases.release(former, current.aggregateId(),
                    new ReleasedStream.Request(localRegion.name(), order.reason(), order.requestedBy(),
                            order.legalBasis(), order.relocation()));
            return new Handover(released.events().stream().<DomainEventMessage<?>>map(event ->
                    wireFormat.fromWire(event, former.name())).toList(), released.epoch(), "PLANNED");
        } catch (OwnerUnavailableException silent) {
            throw silent.under("TRANSFER: to give the owner up and take over from what was replicated here, "
                    + "transfer with force=true");
        }
    }
}
