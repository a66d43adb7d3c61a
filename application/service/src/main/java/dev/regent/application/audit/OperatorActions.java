package dev.regent.application.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every operator action on this region (transfers, rebuilds, reconciliation runs, dead-letter retries and skips):
 * who (the authenticated principal), what, on what, why, and how it ended, refusals included. Kept in the region's
 * database, answered at {@code GET /audit/operator-actions}.
 */
@Component
public class OperatorActions {

    /** One action as recorded. */
    public record Action(long id, Instant at, String principal, String action, String target, String reason,
                         String outcome) {
    }

    private static final Logger log = LoggerFactory.getLogger(OperatorActions.class);
    private static final int MAX_TEXT = 2_000;

    private final JdbcTemplate jdbc;

    OperatorActions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The name records use for a caller: the token's principal, or "anonymous" where nothing is checked. */
    public static String nameOf(Principal principal) {
        return principal == null || principal.getName() == null ? "anonymous" : principal.getName();
    }

    /**
     * Runs {@code work} and records it with its outcome, also when it fails (then rethrown).
     *
     * @param outcome how the result reads in the record
     */
    public <T> T run(Principal who, String action, String target, String reason, Supplier<T> work,
                     Function<T, String> outcome) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            record(who, action, target, reason, "refused: " + e.getMessage());
            throw e;
        }
        record(who, action, target, reason, outcome.apply(result));
        return result;
    }

    public void record(Principal who, String action, String target, String reason, String outcome) {
        String principal = nameOf(who);
        jdbc.update("insert into regent_operator_action (principal, action, target, reason, outcome) "
                + "values (?, ?, ?, ?, ?)", principal, action, bounded(target), bounded(reason), bounded(outcome));
        log.info("Operator {} {} {} ({}): {}", principal, action, target, reason, outcome);
    }

    /** The latest actions first, at most {@code limit}, since {@code since} when given. */
    public List<Action> latest(Instant since, int limit) {
        return jdbc.query("select * from regent_operator_action where at >= ? order by id desc limit ?",
                (rs, n) -> new Action(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("principal"),
                        rs.getString("action"), rs.getString("target"), rs.getString("reason"),
                        rs.getString("outcome")),
                Timestamp.from(since == null ? Instant.EPOCH : since), limit);
    }

    private static String bounded(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
