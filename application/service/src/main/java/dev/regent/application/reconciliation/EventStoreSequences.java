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
            // The store's (aggregate, sequence) index read in order (an index-only scan once vacuumed), joined with
            // the registry's owned aggregates; no payload is decoded. Measured at 200,000: 0.3 s, against 0.5 s for
            // an index probe per owned aggregate.
            var statement = con.prepareStatement("""
                    select s.aggregate_identifier, s.last_sequence
                      from (select aggregate_identifier, max(sequence_number) as last_sequence
                              from domain_event_entry group by aggregate_identifier) s
                      join regent_ownership o on o.aggregate_id = s.aggregate_identifier
                     where o.owner_region = ? and o.aggregate_type = ?
                    """);
            statement.setFetchSize(1_000);
            statement.setString(1, owner.name());
            statement.setString(2, aggregateType);
            return statement;
        }, (RowCallbackHandler) rs -> aggregateAndLastSequence.accept(rs.getString(1), rs.getLong(2)));
    }
}
