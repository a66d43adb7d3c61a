package dev.regent.insurer.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import dev.regent.insurer.support.ThreeRegions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical baselines for the pipeline, nothing of Regent, Axon or Kafka in between: the same view rows written
 * with plain JDBC batches into a copy of {@code regent_view}, one transaction per batch of the processors' size.
 */
final class RawViewWrites {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSERT = """
            insert into bench_raw_view (view_name, aggregate_id, aggregate_type, owner_region, owner_epoch,
                                        last_sequence, state, last_event_id, last_event_at)
            values ('policies', ?, 'Policy', 'eu', 1, ?, ?::jsonb, ?, ?)
            on conflict (view_name, aggregate_id) do update
               set last_sequence = excluded.last_sequence, state = excluded.state,
                   last_event_id = excluded.last_event_id, last_event_at = excluded.last_event_at
            """;

    private final int batchSize;

    RawViewWrites(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Rows per second: {@code region}'s bench policy rows, read into memory, then written again in batches. */
    double batchedInsertOfTheViewRows(String region) throws SQLException {
        try (Connection connection = connect(region)) {
            connection.createStatement().execute("truncate bench_raw_view");
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select aggregate_id, last_sequence, "
                    + "state::text, last_event_id, last_event_at from regent_view where view_name = 'policies' "
                    + "and aggregate_id like 'bench-%'"); ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[]{rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5)});
                }
            }
            connection.commit();
            long start = System.nanoTime();
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (int i = 0; i < rows.size(); i++) {
                    for (int c = 0; c < 5; c++) {
                        upsert.setObject(c + 1, rows.get(i)[c]);
                    }
                    upsert.addBatch();
                    if ((i + 1) % batchSize == 0 || i == rows.size() - 1) {
                        upsert.executeBatch();
                        connection.commit();
                    }
                }
            }
            return rows.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Events per second: eu's bench events scanned from its store (each payload parsed into the row's JSON state),
     * written as view rows in batches: the least a rebuild must do.
     */
    double scanAndBatchedUpsert(String storeRegion, String viewRegion) throws Exception {
        try (Connection store = connect(storeRegion); Connection view = connect(viewRegion);
             PreparedStatement scan = store.prepareStatement("select aggregate_identifier, sequence_number, "
                     + "payload, event_identifier, time_stamp from domain_event_entry "
                     + "where aggregate_identifier like 'bench-%' order by global_index");
             PreparedStatement upsert = view.prepareStatement(UPSERT)) {
            view.createStatement().execute("truncate bench_raw_view");
            view.commit();
            scan.setFetchSize(1_000);
            long start = System.nanoTime();
            long events = 0;
            try (ResultSet rs = scan.executeQuery()) {
                while (rs.next()) {
                    ObjectNode state = (ObjectNode) JSON.readTree(rs.getBytes(3));
                    upsert.setString(1, rs.getString(1));
                    upsert.setLong(2, rs.getLong(2));
                    upsert.setString(3, JSON.writeValueAsString(state));
                    upsert.setString(4, rs.getString(4));
                    upsert.setTimestamp(5, Timestamp.from(Instant.parse(rs.getString(5))));
                    upsert.addBatch();
                    if (++events % batchSize == 0) {
                        upsert.executeBatch();
                        view.commit();
                    }
                }
            }
            upsert.executeBatch();
            view.commit();
            store.commit();
            return events / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Connection connect(String region) throws SQLException {
        EmbeddedPostgresServer database = ThreeRegions.region(region).database();
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
        connection.setAutoCommit(false);
        connection.createStatement().execute("create table if not exists bench_raw_view "
                + "(like regent_view including all)");
        connection.commit();
        return connection;
    }
}
