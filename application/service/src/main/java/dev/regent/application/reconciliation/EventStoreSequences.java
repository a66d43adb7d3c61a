package dev.regent.application.reconciliation;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.reconciliation.StoredSequences;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.util.function.ObjLongConsumer;

/**
 * The last sequence of each aggregate in this region's Axon event store, for the aggregates the ownership registry
 * says {@code owner} owns (a store also keeps the streams of aggregates it handed over). Reads ids and sequence
 * numbers only, never payloads: what the events say is read through the event store ({@link StoreFolds}).
 */
class EventStoreSequences implements StoredSequences {

    private final JdbcTemplate jdbc;

    EventStoreSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forEach(String aggregateType, Region owner, ObjLongConsumer<String> aggregateAndLastSequence) {
        jdbc.query(con -> {
            // One index probe per owned aggregate (the store's unique (aggregate, sequence) index, read backwards):
            // neither payloads nor the store's other aggregates are read.
            var statement = con.prepareStatement("""
                    select o.aggregate_id,
                           (select max(e.sequence_number) from domain_event_entry e
                             where e.aggregate_identifier = o.aggregate_id) as last_sequence
                      from regent_ownership o
                     where o.owner_region = ? and o.aggregate_type = ?
                    """);
            statement.setFetchSize(1_000);
            statement.setString(1, owner.name());
            statement.setString(2, aggregateType);
            return statement;
        }, (RowCallbackHandler) rs -> {
            long lastSequence = rs.getLong(2);
            if (!rs.wasNull()) {
                aggregateAndLastSequence.accept(rs.getString(1), lastSequence);
            }
        });
    }
}
