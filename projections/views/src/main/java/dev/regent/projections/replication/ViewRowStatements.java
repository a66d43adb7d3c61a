package dev.regent.projections.replication;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The statements that read, lock and write one view's rows: one aggregate at a time, or a batch's in one go. */
final class ViewRowStatements {

    private static final String UPSERT_SET = """
            on conflict (view_name, aggregate_id) do update
               set owner_region = excluded.owner_region, owner_epoch = excluded.owner_epoch,
                   last_sequence = excluded.last_sequence, state = excluded.state,
                   last_event_id = excluded.last_event_id, last_event_at = excluded.last_event_at,
                   imported_epoch = greatest(regent_view.imported_epoch, excluded.imported_epoch),
                   updated_at = now()
            """;
    private static final String UPSERT_ONE = """
            insert into regent_view (view_name, aggregate_id, aggregate_type, owner_region, owner_epoch, last_sequence,
                                     state, last_event_id, last_event_at, imported_epoch, updated_at)
            values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, now())
            """ + UPSERT_SET;
    // One statement for a whole batch: the rows travel as arrays, one per column.
    private static final String UPSERT_MANY = """
            insert into regent_view (view_name, aggregate_id, aggregate_type, owner_region, owner_epoch, last_sequence,
                                     state, last_event_id, last_event_at, imported_epoch, updated_at)
            select ?, r.aggregate_id, r.aggregate_type, r.owner_region, r.owner_epoch, r.last_sequence, r.state::jsonb,
                   r.last_event_id, r.last_event_at::timestamptz, r.imported_epoch, now()
              from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                          ?::bigint[])
                   as r(aggregate_id, aggregate_type, owner_region, owner_epoch, last_sequence, state, last_event_id,
                        last_event_at, imported_epoch)
            """ + UPSERT_SET;

    private final JdbcTemplate jdbc;
    private final String viewName;

    ViewRowStatements(JdbcTemplate jdbc, String viewName) {
        this.jdbc = jdbc;
        this.viewName = viewName;
    }

    String viewName() {
        return viewName;
    }

    <V> List<Map.Entry<String, CurrentRow<V>>> lock(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return List.of();
        }
        // In id order, so that two transactions locking overlapping batches cannot deadlock.
        RowMapper<Map.Entry<String, CurrentRow<V>>> row = (rs, n) -> Map.entry(rs.getString(1),
                new CurrentRow<>(rs.getLong(2), rs.getString(3), rs.getLong(4), null));
        return jdbc.query("select aggregate_id, last_sequence, state::text, imported_epoch from regent_view "
                + "where view_name = ? and aggregate_id = any(?::text[]) order by aggregate_id for update", row,
                viewName, aggregateIds.toArray(String[]::new));
    }

    Set<String> withHeldEvents(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.queryForList("select distinct aggregate_id from regent_held_event "
                + "where view_name = ? and aggregate_id = any(?::text[])", String.class, viewName,
                aggregateIds.toArray(String[]::new)));
    }

    void upsert(RowWrite row) {
        IsolatedStatement.update(jdbc, viewName, row.aggregateId(), UPSERT_ONE, viewName, row.aggregateId(),
                row.aggregateType(), row.ownerRegion(), row.ownerEpoch(), row.lastSequence(), row.state(),
                row.lastEventId(), row.lastEventAt(), row.importedEpoch());
    }

    void upsert(Collection<RowWrite> rows) {
        IsolatedStatement.update(jdbc, viewName, "a batch of " + rows.size() + " rows", UPSERT_MANY, viewName,
                column(rows, RowWrite::aggregateId), column(rows, RowWrite::aggregateType),
                column(rows, RowWrite::ownerRegion), rows.stream().mapToLong(RowWrite::ownerEpoch).toArray(),
                rows.stream().mapToLong(RowWrite::lastSequence).toArray(), column(rows, RowWrite::state),
                column(rows, RowWrite::lastEventId), column(rows, row -> row.lastEventAt().toInstant().toString()),
                rows.stream().mapToLong(RowWrite::importedEpoch).toArray());
    }

    private static String[] column(Collection<RowWrite> rows, Function<RowWrite, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    /** Ids PostgreSQL can look up: an id it could not hold would abort the whole batch's transaction. */
    static Set<String> storable(Collection<String> aggregateIds) {
        return aggregateIds.stream().filter(ViewRowStatements::storable).collect(Collectors.toSet());
    }

    static boolean storable(String aggregateId) {
        return aggregateId.length() <= 255 && aggregateId.indexOf('\0') < 0;
    }
}
