package dev.regent.infrastructure.containment;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * The events this region's egress held back, per destination, until their freeze is thawed. Written in the egress
 * processor's transaction: an event is either published or held, never neither.
 */
public class FrozenEgress {

    /** One held event: enough to read it again from the store. */
    public record Held(String destination, String eventId, String aggregateId, long sequenceNumber) {
    }

    private final JdbcTemplate jdbc;

    public FrozenEgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Held again under another freeze (at a thaw, say), the event now waits for that one. */
    public void hold(Freeze freeze, String destination, DomainEventMessage<?> event) {
        jdbc.update("insert into regent_frozen_egress (destination, event_id, freeze_id, aggregate_id, "
                        + "sequence_number) values (?, ?, ?, ?, ?) on conflict (destination, event_id) do update "
                        + "set freeze_id = excluded.freeze_id", destination, event.getIdentifier(), freeze.id(),
                event.getAggregateIdentifier(), event.getSequenceNumber());
    }

    /** In the order they were appended, per aggregate. */
    public List<Held> heldBy(String freezeId) {
        return jdbc.query("select destination, event_id, aggregate_id, sequence_number from regent_frozen_egress "
                        + "where freeze_id = ? order by destination, aggregate_id, sequence_number",
                (rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), freezeId);
    }

    public long count(String freezeId) {
        Long count = jdbc.queryForObject("select count(*) from regent_frozen_egress where freeze_id = ?", Long.class,
                freezeId);
        return count == null ? 0 : count;
    }

    /** Thawed freezes under which events still wait here (their release failed, or another instance thawed them). */
    public List<String> thawedWithEventsHeld() {
        return jdbc.queryForList("select distinct e.freeze_id from regent_frozen_egress e join regent_freeze f "
                + "on f.freeze_id = e.freeze_id where f.thawed_at is not null", String.class);
    }

    /** Published: no longer held by {@code freezeId} (unless another freeze took it meanwhile). */
    public void released(String freezeId, Held held) {
        jdbc.update("delete from regent_frozen_egress where destination = ? and event_id = ? and freeze_id = ?",
                held.destination(), held.eventId(), freezeId);
    }
}
