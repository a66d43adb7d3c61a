package dev.regent.projections.deadletter;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Failures of the database rather than of an event: worth retrying the batch, never a reason to park. */
final class TransientFailures {

    /**
     * SQLSTATE classes: connection exception, transaction rollback (serialization, deadlock), insufficient resources,
     * operator intervention (shutdown, cancel), system error.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** in_failed_sql_transaction: an earlier statement aborted the transaction, so nothing can be parked in it. */
    private static final String ABORTED_TRANSACTION = "25P02";

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && (ABORTED_TRANSACTION.equals(
                    sql.getSQLState()) || TRANSIENT_CLASSES.contains(prefix(sql.getSQLState())))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String prefix(String sqlState) {
        return sqlState.length() < 2 ? sqlState : sqlState.substring(0, 2);
    }
}
