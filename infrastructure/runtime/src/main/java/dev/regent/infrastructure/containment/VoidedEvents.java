package dev.regent.infrastructure.containment;

import dev.regent.domain.containment.EventsVoided;
import dev.regent.domain.containment.VoidedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events voided in this region's store, in its database and in memory: every event read from the store is looked
 * up here (a hash lookup; voids are rare, a few thousand ids at most), so the map is filled before the correction
 * commits and emptied again if it rolls back.
 */
public class VoidedEvents {

    private final JdbcTemplate jdbc;
    private final Map<String, VoidedEvent> byEventId = new ConcurrentHashMap<>();

    public VoidedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.query("select event_id, event_type, void_id, reason, voided_by, voided_at from regent_voided_event",
                rs -> {
                    byEventId.put(rs.getString(1), new VoidedEvent(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
                });
    }

    /** What stands in place of {@code eventId}, if it was voided. */
    public Optional<VoidedEvent> placeholderFor(String eventId) {
        return byEventId.isEmpty() ? Optional.empty() : Optional.ofNullable(byEventId.get(eventId));
    }

    public boolean isEmpty() {
        return byEventId.isEmpty();
    }

    /** Records a correction as it is appended, in the append's transaction. */
    void record(String aggregateId, EventsVoided correction) {
        for (EventsVoided.Voided voided : correction.events()) {
            jdbc.update("""
                    insert into regent_voided_event (event_id, aggregate_id, sequence_number, event_type, void_id,
                                                     reason, voided_by, voided_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing
                    """, voided.eventId(), aggregateId, voided.sequenceNumber(), voided.eventType(),
                    correction.voidId(), correction.reason(), correction.voidedBy(),
                    Timestamp.from(correction.voidedAt()));
        }
        List<String> added = correction.events().stream().map(EventsVoided.Voided::eventId)
                .filter(id -> byEventId.putIfAbsent(id, new VoidedEvent(eventType(correction, id),
                        correction.voidId(), correction.reason(), correction.voidedBy(), correction.voidedAt()))
                        == null).toList();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        added.forEach(byEventId::remove);
                    }
                }
            });
        }
    }

    /** The voids recorded here, newest first. */
    public List<VoidSummary> voids() {
        return jdbc.query("""
                select void_id, min(reason) as reason, min(voided_by) as voided_by, min(voided_at) as voided_at,
                       count(*) as events, count(distinct aggregate_id) as aggregates
                from regent_voided_event group by void_id order by min(voided_at) desc, void_id
                """, (rs, n) -> new VoidSummary(rs.getString("void_id"), rs.getString("reason"),
                rs.getString("voided_by"), rs.getTimestamp("voided_at").toInstant(), rs.getLong("events"),
                rs.getLong("aggregates")));
    }

    private static String eventType(EventsVoided correction, String eventId) {
        return correction.events().stream().filter(voided -> voided.eventId().equals(eventId))
                .map(EventsVoided.Voided::eventType).findFirst().orElseThrow();
    }

    /** One operator's void: how many events of how many aggregates it struck. */
    public record VoidSummary(String voidId, String reason, String voidedBy, java.time.Instant voidedAt, long events,
                              long aggregates) {
    }
}
