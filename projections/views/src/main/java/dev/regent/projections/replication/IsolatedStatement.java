package dev.regent.projections.replication;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.SQLException;
import java.util.Set;

/**
 * One write whose failure must not abort the event processor's transaction, or the event could not even be parked
 * (every later statement of an aborted transaction fails) and the processor would retry its batch forever.
 *
 * <p>The statement runs between a savepoint and its release, sent as one multi-statement string: pgjdbc sends the
 * three in one round trip, so a write costs what it did without the savepoint. When PostgreSQL refuses the row for
 * its data (SQLSTATE class 22, 23 or 54: a NUL in a text, a value out of range, a row too large) only the statement is
 * rolled back and the failure becomes a {@link StorageFailedException}, which parks the event. Any other failure
 * (connection lost, deadlock, shutdown) is left as it is: the transaction fails and the batch is retried.
 */
final class IsolatedStatement {

    private static final Set<String> DATA_REFUSED = Set.of("22", "23", "54");

    private IsolatedStatement() {
    }

    static void update(JdbcTemplate jdbc, String view, String aggregateId, String sql, Object... arguments) {
        // Outside a transaction (tests, tools) a failed statement aborts nothing else: no savepoint needed.
        boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        try {
            jdbc.update(inTransaction ? "savepoint regent_row; " + sql + "; release savepoint regent_row" : sql,
                    arguments);
        } catch (DataAccessException e) {
            SQLException refused = refusedForItsData(e);
            if (refused == null) {
                throw e;
            }
            if (inTransaction) {
                jdbc.execute("rollback to savepoint regent_row; release savepoint regent_row");
            }
            throw new StorageFailedException(view, aggregateId, "PostgreSQL refused the row (SQLSTATE "
                    + refused.getSQLState() + ": " + firstLine(refused.getMessage()) + ")");
        }
    }

    private static SQLException refusedForItsData(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5
                    && DATA_REFUSED.contains(sql.getSQLState().substring(0, 2))) {
                return sql;
            }
        }
        return null;
    }

    /** PostgreSQL's message without its detail and context lines, which may quote the row. */
    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.startsWith("ERROR: ") ? line.substring("ERROR: ".length()) : line;
    }
}
