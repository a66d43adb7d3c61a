package dev.regent.infrastructure.containment;

import dev.regent.domain.containment.FreezeScope;
import dev.regent.domain.ownership.Region;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Every freeze this region knows, declared here or learnt from a peer, in its database; the active ones also in
 * memory, since every event leaving the region (and every event a read model applies) is checked against them. A
 * thaw is final: a freeze learnt again from a peer that has not heard of the thaw stays thawed.
 */
public class Freezes {

    private static final Logger log = LoggerFactory.getLogger(Freezes.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "freeze_id, origin_region, aggregate_type, event_type, written_since, "
            + "application_version, refuse_writes, reason, frozen_by, issued_in, frozen_at, thawed_at, thawed_by";

    private final JdbcTemplate jdbc;
    private final Region local;
    private final Clock clock;
    private volatile List<Freeze> active = List.of();

    public Freezes(JdbcTemplate jdbc, Region local, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.local = local;
        this.clock = clock;
        Gauge.builder("regent.containment.freezes.active", () -> active.size())
                .description("Freezes holding events in this region").register(meters);
        refresh();
    }

    public Freeze declare(FreezeScope scope, boolean refuseWrites, String reason, String frozenBy) {
        Freeze freeze = new Freeze("frz-" + HexFormat.of().formatHex(randomBytes()), scope, refuseWrites, reason,
                frozenBy, local.name(), clock.instant(), null, null);
        learn(freeze);
        log.warn("Freeze {} declared by {}: {} ({})", freeze.id(), frozenBy, scope.describe(), reason);
        return freeze;
    }

    /** @return the freeze as thawed (unchanged if it already was); empty if unknown */
    public Optional<Freeze> thaw(String id, String thawedBy) {
        Optional<Freeze> known = find(id);
        if (known.isEmpty() || !known.get().active()) {
            return known;
        }
        learn(known.get().thawed(thawedBy, clock.instant()));
        log.warn("Freeze {} thawed by {}", id, thawedBy);
        return find(id);
    }

    /** A freeze as a peer (or this region) holds it: inserted, or its thaw recorded. */
    public void learn(Freeze freeze) {
        record(freeze);
        refresh();
    }

    /** What a peer knows, at once: only new freezes and new thaws write anything. */
    public void learnAll(List<Freeze> known) {
        known.forEach(this::record);
        refresh();
    }

    private void record(Freeze freeze) {
        FreezeScope scope = freeze.scope();
        jdbc.update("insert into regent_freeze (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (freeze_id) do update set thawed_at = excluded.thawed_at, "
                        + "thawed_by = excluded.thawed_by "
                        + "where regent_freeze.thawed_at is null and excluded.thawed_at is not null",
                freeze.id(), scope.originRegion(), scope.aggregateType(), scope.eventType(),
                timestamp(scope.writtenSince()), scope.applicationVersion(), freeze.refuseWrites(), freeze.reason(), freeze.frozenBy(),
                freeze.issuedIn(), timestamp(freeze.frozenAt()), timestamp(freeze.thawedAt()), freeze.thawedBy());
    }

    public List<Freeze> all() {
        return jdbc.query("select " + COLUMNS + " from regent_freeze order by frozen_at, freeze_id", ROW);
    }

    public Optional<Freeze> find(String id) {
        return jdbc.query("select " + COLUMNS + " from regent_freeze where freeze_id = ?", ROW, id).stream()
                .findFirst();
    }

    public List<Freeze> active() {
        return active;
    }

    /** The first active freeze that holds {@code event}. */
    public Optional<Freeze> holding(EventMessage<?> event) {
        List<Freeze> current = active;
        if (current.isEmpty()) {
            return Optional.empty();
        }
        var facts = EventFactsOf.of(event);
        return current.stream().filter(freeze -> freeze.scope().matches(facts)).findFirst();
    }

    /** Reads the active freezes again (other instances of this region may have learnt some). */
    public void refresh() {
        active = jdbc.query("select " + COLUMNS + " from regent_freeze where thawed_at is null order by frozen_at",
                ROW);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static final RowMapper<Freeze> ROW = (rs, n) -> new Freeze(rs.getString("freeze_id"),
            new FreezeScope(rs.getString("origin_region"), rs.getString("aggregate_type"), rs.getString("event_type"),
                    instant(rs.getTimestamp("written_since")), rs.getString("application_version")),
            rs.getBoolean("refuse_writes"), rs.getString("reason"), rs.getString("frozen_by"), rs.getString("issued_in"),
            instant(rs.getTimestamp("frozen_at")), instant(rs.getTimestamp("thawed_at")), rs.getString("thawed_by"));
}
