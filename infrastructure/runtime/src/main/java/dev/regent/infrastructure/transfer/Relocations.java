package dev.regent.infrastructure.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.infrastructure.peer.PeerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A HOME-owned aggregate whose home moved to another region's jurisdiction is handed to that region, with its data
 * subject's data. The owner records the move in the transaction that learns of it, then offers the aggregate to its
 * new home until that region has taken it over (a planned transfer it asks for, flagged as a relocation), backing
 * off while the new home does not answer.
 */
public class Relocations {

    static final String PATH = "/internal/ownership/{aggregateId}/relocation";

    private static final Logger log = LoggerFactory.getLogger(Relocations.class);
    private static final int BATCH = 50;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** What the new home is asked. */
    public record Offer(String home) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcOwnershipRegistry registry;
    private final PeerClient peers;
    private final ObjectMapper json;
    private final Region localRegion;
    private final Clock clock;
    private final Duration transferTimeout;

    public Relocations(JdbcTemplate jdbc, JdbcOwnershipRegistry registry, PeerClient peers, ObjectMapper json,
                       Region localRegion, Clock clock, Duration transferTimeout) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.peers = peers;
        this.json = json;
        this.localRegion = localRegion;
        this.clock = clock;
        this.transferTimeout = transferTimeout;
    }

    /** In the transaction that learnt the aggregate's new home: it is to be handed to {@code to}. */
    public void homeMoved(String aggregateId, Region to, String home) {
        jdbc.update("""
                insert into regent_pending_relocation (aggregate_id, to_region, home) values (?, ?, ?)
                on conflict (aggregate_id) do update set to_region = excluded.to_region, home = excluded.home,
                       next_attempt = now(), attempts = 0, last_error = null
                """, aggregateId, to.name(), home);
        log.info("{}'s home is now {} ({}): offering it to {}", aggregateId, home, to, to);
    }

    /** Offers each due relocation to its new home. Returns how many were taken over. */
    public int offerPending() {
        List<Map<String, Object>> due = jdbc.queryForList("select aggregate_id, to_region, home, attempts "
                + "from regent_pending_relocation where next_attempt <= ? order by next_attempt limit " + BATCH,
                Timestamp.from(clock.instant()));
        int done = 0;
        for (Map<String, Object> row : due) {
            String aggregateId = (String) row.get("aggregate_id");
            Region to = Region.of((String) row.get("to_region"));
            if (registry.find(aggregateId).filter(known -> known.isOwnedBy(localRegion)).isEmpty()) {
                forget(aggregateId); // moved on already (this relocation, or another transfer)
                done++;
                continue;
            }
            String failure = offer(aggregateId, to, (String) row.get("home"));
            if (failure == null) {
                forget(aggregateId);
                done++;
            } else {
                int attempts = ((Number) row.get("attempts")).intValue() + 1;
                Duration backoff = Duration.ofSeconds(1L << Math.min(attempts, 9));
                jdbc.update("update regent_pending_relocation set attempts = ?, last_error = ?, next_attempt = ? "
                        + "where aggregate_id = ?", attempts, failure, Timestamp.from(clock.instant()
                        .plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff)), aggregateId);
                log.warn("Relocating {} to {} did not succeed (attempt {}): {}", aggregateId, to, attempts, failure);
            }
        }
        return done;
    }

    private String offer(String aggregateId, Region to, String home) {
        try {
            HttpResponse<String> answer = peers.post(to, PATH.replace("{aggregateId}", aggregateId),
                    json.writeValueAsString(new Offer(home)), transferTimeout, Map.of(),
                    // Not repeated at once: a second offer after the first took effect is refused ("already owned");
                    // the sweep offers it again later, knowing by then whether it moved.
                    PeerClient.Repeat.UNSAFE);
            return answer.statusCode() / 100 == 2 ? null : "answered " + answer.statusCode() + ": " + answer.body();
        } catch (JsonProcessingException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void forget(String aggregateId) {
        jdbc.update("delete from regent_pending_relocation where aggregate_id = ?", aggregateId);
    }

    /** Relocations this region still has to hand over, for operators. */
    public List<Map<String, Object>> pending() {
        return jdbc.queryForList("select aggregate_id, to_region, home, requested_at, attempts, last_error "
                + "from regent_pending_relocation order by requested_at");
    }
}
