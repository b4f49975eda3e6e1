package dev.chillproxy.chillstreams.db;

import java.sql.SQLException;
import java.util.Optional;

import org.jdbi.v3.core.JdbiException;

/**
 * What may be logged about a database failure: the exception's class and the SQL state, never its message (drivers
 * put constraint values there, older Jdbi configurations the SQL and its bound user ids). Stateless.
 */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** {@code "UnableToExecuteStatementException (SQL state 23505)"}, or empty when {@code error} is not a database failure. */
    public static Optional<String> describe(Throwable error) {
        boolean database = false;
        String state = null;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            database |= t instanceof JdbiException || t instanceof SQLException;
            if (state == null && t instanceof SQLException sql) {
                state = sql.getSQLState();
            }
        }
        if (!database) {
            return Optional.empty();
        }
        return Optional.of(error.getClass().getSimpleName() + " (SQL state " + (state == null ? "unknown" : state) + ")");
    }
}
