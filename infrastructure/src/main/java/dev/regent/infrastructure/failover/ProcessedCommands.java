package dev.regent.infrastructure.failover;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Optional;

/** At an owner: the answers it gave to commands other regions sent it, by command id. */
public class ProcessedCommands {

    /** An answer on record; {@code result} is its wire form (JSON), or null for no result. */
    public record Answer(String result) {
    }

    private final JdbcTemplate jdbc;

    public ProcessedCommands(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
