package dev.regent.infrastructure.failover;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.Region;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The commands this region keeps for owners that did not answer, in this region's database (so restarts keep them). */
public class DeferredCommands {

    public static final String WAITING = "WAITING";
    public static final String DELIVERED = "DELIVERED";
    public static final String REFUSED = "REFUSED";

    private static final RowMapper<DeferredCommand> ROW = (rs, n) -> new DeferredCommand(rs.getLong("seq"),
            rs.getString("request_id"), FailoverPolicy.valueOf(rs.getString("policy")), rs.getString("command_name"),
            rs.getString("aggregate_id"), Region.of(rs.getString("owner_region")), rs.getString("command"),
            rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
            rs.getTimestamp("accepted_at").toInstant());

    private final JdbcTemplate jdbc;

    public DeferredCommands(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps a command; the same request kept twice (a retried dispatch) stays one. */
    public void keep(String requestId, FailoverPolicy policy, String commandName, String aggregateId, Region owner,
                     String command) {
        jdbc.update("""
                insert into regent_deferred_command (request_id, policy, command_name, aggregate_id, owner_region,
                       command) values (?, ?, ?, ?, ?, ?) on conflict (request_id) do nothing
                """, requestId, policy.name(), commandName, aggregateId, owner.name(), command);
    }

    public boolean hasWaiting(String aggregateId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from regent_deferred_command "
                + "where aggregate_id = ? and status = 'WAITING')", Boolean.class, aggregateId));
    }

    /** The oldest waiting commands, in the order they were accepted. */
    public List<DeferredCommand> waiting(int limit) {
        return jdbc.query("select * from regent_deferred_command where status = 'WAITING' order by seq limit ?", ROW,
                limit);
    }

    /** The provisional changes of an aggregate captured here, not adjudicated yet. */
    public List<DeferredCommand> provisional(String aggregateId) {
        return jdbc.query("select * from regent_deferred_command where aggregate_id = ? and status = 'WAITING' "
                + "and policy = 'CAPTURE' order by seq", ROW, aggregateId);
    }

    /** Settles a command for good and forgets its content (it may hold personal data that is not this region's). */
    public void settle(long seq, String status, String outcome) {
        jdbc.update("update regent_deferred_command set status = ?, last_error = ?, command = null, "
                + "settled_at = now() where seq = ? and status = 'WAITING'", status, outcome, seq);
    }

    public void attemptFailed(long seq, String error) {
        jdbc.update("update regent_deferred_command set attempts = attempts + 1, last_error = ? where seq = ?", error,
                seq);
    }

    public long depth(FailoverPolicy policy) {
        Long count = jdbc.queryForObject("select count(*) from regent_deferred_command where status = 'WAITING' "
                + "and policy = ?", Long.class, policy.name());
        return count == null ? 0 : count;
    }

    public Duration oldestAge(FailoverPolicy policy, Instant now) {
        List<Timestamp> oldest = jdbc.queryForList("select min(accepted_at) from regent_deferred_command "
                + "where status = 'WAITING' and policy = ?", Timestamp.class, policy.name());
        return oldest.isEmpty() || oldest.get(0) == null ? Duration.ZERO
                : Duration.between(oldest.get(0).toInstant(), now);
    }
}
