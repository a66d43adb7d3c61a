package dev.regent.infrastructure.residency;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/**
 * The record of what crossed: counters per destination ({@code regent.egress.events{destination,outcome}},
 * {@code regent.egress.fields{destination,action}}) and one audit entry per kind of decision, counted.
 */
public class EgressAudit {

    /** One kind of decision: for this event type, toward this destination, this happened to its personal fields. */
    public record Entry(String destination, String eventType, String decision, long events, Instant firstAt,
                        Instant lastAt) {
    }

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    public EgressAudit(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /**
     * @param outcome  {@code shared} (nothing personal), {@code protected} (personal fields acted on) or
     *                 {@code region-locked} (kept home)
     * @param decision e.g. {@code email=ENCRYPT,name=ENCRYPT,phone=ENCRYPT}, or the outcome itself
     */
    public void record(String destination, String eventType, String outcome, String decision, List<EgressAction> actions) {
        meters.counter("regent.egress.events", "destination", destination, "outcome", outcome).increment();
        actions.forEach(action -> meters.counter("regent.egress.fields", "destination", destination,
                "action", action.name()).increment());
        jdbc.update("""
                insert into regent_egress_audit (destination, event_type, decision, events) values (?, ?, ?, 1)
                on conflict (destination, event_type, decision)
                do update set events = regent_egress_audit.events + 1, last_at = now()
                """, destination, eventType, decision);
    }

    public List<Entry> entries() {
        return jdbc.query("select * from regent_egress_audit order by destination, event_type, decision",
                (rs, n) -> new Entry(rs.getString("destination"), rs.getString("event_type"),
                        rs.getString("decision"), rs.getLong("events"), rs.getTimestamp("first_at").toInstant(),
                        rs.getTimestamp("last_at").toInstant()));
    }
}
