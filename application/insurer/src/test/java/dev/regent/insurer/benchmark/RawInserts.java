package dev.regent.insurer.benchmark;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.regent.insurer.support.ThreeRegions.EU;

/**
 * The physical baseline for appends: rows the size of a real contact-change event inserted into a copy of eu's event
 * table, one transaction each, over a pool of the benchmark's size. Nothing of Regent or Axon in between.
 */
final class RawInserts implements AutoCloseable {

    private static final String INSERT = "insert into bench_raw_event (event_identifier, aggregate_identifier, "
            + "sequence_number, type, payload_type, payload_revision, payload, meta_data, time_stamp) "
            + "values (?, ?, ?, ?, ?, null, ?, ?, ?)";

    private final Map<String, Object> sample;
    private final HikariDataSource pool;

    private RawInserts(Map<String, Object> sample, HikariDataSource pool) {
        this.sample = sample;
        this.pool = pool;
    }

    static RawInserts intoEu(int poolSize) {
        JdbcTemplate jdbc = ThreeRegions.database(EU);
        jdbc.execute("create table if not exists bench_raw_event (like domain_event_entry including all)");
        Map<String, Object> sample = jdbc.queryForMap("select payload, meta_data, payload_type, type from "
                + "domain_event_entry where payload_type like '%CustomerContactChangedEvent' limit 1");
        EmbeddedPostgresServer database = ThreeRegions.region(EU).database();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(false);
        return new RawInserts(sample, new HikariDataSource(config));
    }

    /** One row, in its own transaction. */
    void insert(String aggregateId, long sequence) {
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregateId);
            insert.setLong(3, sequence);
            insert.setString(4, (String) sample.get("type"));
            insert.setString(5, (String) sample.get("payload_type"));
            insert.setBytes(6, (byte[]) sample.get("payload"));
            insert.setBytes(7, (byte[]) sample.get("meta_data"));
            insert.setString(8, Instant.now().toString());
            insert.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
