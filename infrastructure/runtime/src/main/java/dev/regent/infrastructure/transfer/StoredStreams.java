package dev.regent.infrastructure.transfer;

import org.springframework.jdbc.core.JdbcTemplate;

/** What this region's event store holds of one aggregate's stream. */
final class StoredStreams {

    private StoredStreams() {
    }

    /** The sequence of the aggregate's last event here; -1 when there is none. */
    static long lastSequence(JdbcTemplate jdbc, String aggregateId) {
        Long last = jdbc.queryForObject("select coalesce(max(sequence_number), -1) from domain_event_entry "
                + "where aggregate_identifier = ?", Long.class, aggregateId);
        return last == null ? -1 : last;
    }
}
