package dev.regent.infrastructure.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipTransferredEvent;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.infrastructure.peer.PeerClient;
import dev.regent.infrastructure.peer.PeerRefusedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A planned transfer is a handover with a deadline. The former owner releases the aggregate and waits for the new
 * owner to confirm it took it over (directly, or by the replicated {@link OwnershipTransferredEvent}). Past the
 * deadline it asks the new owner to give the handover up: the answer is "taken" (then all is well) or "void" (and the
 * new owner will never complete it); with that answer, or none at all, the former owner takes the aggregate back
 * under a higher epoch, so that a crashed new owner never leaves an aggregate with no owner. Should a new owner that
 * did not answer have taken it over after all, the higher epoch fences it like any cut-off owner: its writes are
 * reported there, not merged.
 */
public class Handovers {

    private static final Logger log = LoggerFactory.getLogger(Handovers.class);
    private static final int SWEEP_BATCH = 100;

    private final JdbcTemplate jdbc;
    private final JdbcOwnershipRegistry registry;
    private final EventBus eventBus;
    private final TransactionTemplate transactions;
    private final PeerClient peers;
    private final ObjectMapper json;
    private final Region localRegion;
    private final Clock clock;
    private final Duration timeout;
    private final Duration askTimeout;
    private final Counter reclaimed;

    public Handovers(JdbcTemplate jdbc, JdbcOwnershipRegistry registry, EventBus eventBus,
                     TransactionTemplate transactions, PeerClient peers, ObjectMapper json, Region localRegion,
                     Clock clock, Duration timeout, Duration askTimeout, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.eventBus = eventBus;
        this.transactions = transactions;
        this.peers = peers;
        this.json = json;
        this.localRegion = localRegion;
        this.clock = clock;
        this.timeout = timeout;
        this.askTimeout = askTimeout;
        this.reclaimed = Counter.builder("regent.ownership.handovers.reclaimed")
                .description("Aggregates taken back by their former owner because the new owner never confirmed")
                .register(meters);
    }

    // ---- at the former owner

    /** Within the release's transaction: the handover to {@code to} under {@code epoch} waits for its confirmation. */
    void released(String aggregateId, Region to, long epoch) {
        Instant now = clock.instant();
        jdbc.update("""
                insert into regent_pending_handover (aggregate_id, to_region, epoch, deadline, released_at)
                values (?, ?, ?, ?, ?) on conflict (aggregate_id) do nothing
                """, aggregateId, to.name(), epoch, Timestamp.from(now.plus(timeout)), Timestamp.from(now));
    }

    /**
     * The new owner says it took the aggregate over.
     *
     * @throws PeerRefusedException when {@code peer} is not the region it was handed to
     */
    void confirmedBy(Region peer, String aggregateId, long epoch) {
        List<String> to = jdbc.queryForList("select to_region from regent_pending_handover where aggregate_id = ? "
                + "and epoch = ?", String.class, aggregateId, epoch);
        if (!to.isEmpty() && !to.get(0).equals(peer.name())) {
            throw new PeerRefusedException("Region " + peer + " cannot confirm a handover to " + to.get(0));
        }
        settled(aggregateId, epoch);
    }

    /** Ownership of the aggregate reached {@code epoch} (learnt from the stream): a handover up to it is settled. */
    public void settled(String aggregateId, long epoch) {
        jdbc.update("delete from regent_pending_handover where aggregate_id = ? and epoch <= ?", aggregateId, epoch);
    }

    /** Handovers past their deadline: each confirmed late, or taken back. Returns how many were taken back. */
    public int reclaimOverdue() {
        List<Map<String, Object>> overdue = jdbc.queryForList("select aggregate_id, to_region, epoch "
                + "from regent_pending_handover where deadline < ? order by deadline limit " + SWEEP_BATCH,
                Timestamp.from(clock.instant()));
        int taken = 0;
        for (Map<String, Object> row : overdue) {
            String aggregateId = (String) row.get("aggregate_id");
            Region to = Region.of((String) row.get("to_region"));
            long epoch = ((Number) row.get("epoch")).longValue();
            if (askToAbandon(to, aggregateId, epoch) == HandoverAnswer.Outcome.TAKEN) {
                settled(aggregateId, epoch);
            } else if (Boolean.TRUE.equals(transactions.execute(status -> reclaim(aggregateId, to, epoch)))) {
                taken++;
            }
        }
        return taken;
    }

    private HandoverAnswer.Outcome askToAbandon(Region to, String aggregateId, long epoch) {
        try {
            // Safe to repeat: giving up a handover twice answers the same (void recorded once, or taken).
            HttpResponse<String> answer = peers.post(to, abandonPath(aggregateId, epoch), "{}", askTimeout, Map.of(),
                    PeerClient.Repeat.SAFE);
            if (answer.statusCode() / 100 == 2) {
                return json.readValue(answer.body(), HandoverAnswer.class).outcome();
            }
            log.warn("Region {} refused to give up the handover of {} (epoch {}): {}", to, aggregateId, epoch,
                    answer.statusCode());
        } catch (IOException e) {
            log.warn("Region {} did not answer about the handover of {} (epoch {}): {}", to, aggregateId, epoch,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private boolean reclaim(String aggregateId, Region to, long epoch) {
        String reason = "handover to " + to + " (epoch " + epoch + ") not confirmed within " + timeout;
        Optional<Ownership> back = registry.reclaim(aggregateId, localRegion, epoch, reason, clock.instant());
        settled(aggregateId, epoch);
        back.ifPresent(ownership -> {
            long last = StoredStreams.lastSequence(jdbc, aggregateId);
            eventBus.publish(GenericEventMessage.asEventMessage(new OwnershipTransferredEvent(aggregateId,
                    ownership.aggregateType(), to.name(), localRegion.name(), ownership.epoch(), last,
                    ownership.rule(), reason, localRegion.name(), null)));
            reclaimed.increment();
            log.warn("Took {} back from {} under epoch {}: {}", aggregateId, to, ownership.epoch(), reason);
        });
        return back.isPresent();
    }

    // ---- at the new owner

    /**
     * Inside the takeover's transaction, after the aggregate's registry row is locked.
     *
     * @throws TransferRefusedException when the former owner has already had this handover given up
     */
    void requireNotVoid(String aggregateId, long epoch) {
        Integer voided = jdbc.queryForObject("select count(*) from regent_void_handover where aggregate_id = ? "
                + "and epoch = ?", Integer.class, aggregateId, epoch);
        if (voided != null && voided > 0) {
            throw new TransferRefusedException("The handover of " + aggregateId + " under epoch " + epoch
                    + " expired before it was completed: its former owner has taken it back; transfer it again");
        }
    }

    /**
     * The former owner asks this region to give up a handover it has not confirmed. Serialised with the takeover by
     * the registry row's lock: either the takeover committed first (taken), or it never will (void).
     *
     * @throws PeerRefusedException when {@code peer} is not the aggregate's former owner as this region knows it
     */
    HandoverAnswer abandon(Region peer, String aggregateId, long epoch) {
        return transactions.execute(status -> {
            Optional<Ownership> known = registry.lockForCommand(aggregateId, true);
            if (known.filter(ownership -> ownership.isOwnedBy(localRegion) && ownership.epoch() >= epoch)
                    .isPresent()) {
                return new HandoverAnswer(HandoverAnswer.Outcome.TAKEN);
            }
            if (known.filter(ownership -> !ownership.isOwnedBy(peer)).isPresent()) {
                throw new PeerRefusedException("Region " + peer + " is not the owner of " + aggregateId
                        + " as " + localRegion + " knows it");
            }
            jdbc.update("insert into regent_void_handover (aggregate_id, epoch) values (?, ?) on conflict do nothing",
                    aggregateId, epoch);
            log.info("Gave up the handover of {} (epoch {}) at {}'s request", aggregateId, epoch, peer);
            return new HandoverAnswer(HandoverAnswer.Outcome.VOID);
        });
    }

    /** After the takeover committed: tells the former owner at once (best effort; the stream tells it anyway). */
    void confirmTo(Region formerOwner, String aggregateId, long epoch) {
        // Safe to repeat: confirming deletes the pending handover, a second time nothing.
        String path = confirmPath(aggregateId, epoch);
        peers.postAsync(formerOwner, path, "{}", askTimeout, PeerClient.Repeat.SAFE).whenComplete((answer, e) -> {
            if (e != null || answer.statusCode() / 100 != 2) {
                log.info("Could not confirm the takeover of {} to {} ({}); it will learn it from the stream",
                        aggregateId, formerOwner, e != null ? e.toString() : answer.statusCode());
            }
        });
    }

    static String abandonPath(String aggregateId, long epoch) {
        return "/internal/ownership/" + aggregateId + "/handover/" + epoch + "/abandon";
    }

    static String confirmPath(String aggregateId, long epoch) {
        return "/internal/ownership/" + aggregateId + "/handover/" + epoch + "/confirm";
    }
}
