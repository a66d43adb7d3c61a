package dev.regent.infrastructure.failover;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Optional;

/**
 * Where commands are handled: the answers given to commands that may arrive again (sent by other regions, or for a
 * request with an idempotency key), by command id.
 */
public class ProcessedCommands {

    /**
     * Metadata on a command sent for a request that carries an idempotency key: its id is derived from the key, so a
     * retried request sends the same command, and whoever handles it answers the repeat from this record.
     */
    public static final String KEYED = "regent-keyed";

    /** An answer on record; {@code result} is its wire form (JSON), or null for no result. */
    public record Answer(String result) {
    }

    private final JdbcTemplate jdbc;

    public ProcessedCommands(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * In the command's transaction, before looking for its answer: another handling of the same command id waits here
     * until the first commits (and then finds its answer) or rolls back.
     */
    public void takeTurn(String commandId) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> null, commandId);
    }

    public Optional<Answer> find(String commandId) {
        return jdbc.query("select result from regent_processed_command where command_id = ?",
                (rs, n) -> new Answer(rs.getString("result")), commandId).stream().findFirst();
    }

    /**
     * Forgets answers older than {@code retention}: a command delivered again after that would be applied again, so
     * keep it longer than any command may wait in another region's queue.
     */
    public int forgetOlderThan(Duration retention) {
        return jdbc.update("delete from regent_processed_command where processed_at < now() - ? * interval '1 second'",
                retention.toSeconds());
    }

    /** In the command's transaction: a concurrent repeat fails on the key instead of being applied twice. */
    public void record(String commandId, String aggregateId, String result) {
        jdbc.update("insert into regent_processed_command (command_id, aggregate_id, result) values (?, ?, ?)",
                commandId, aggregateId, result);
    }
}
