package dev.chillproxy.chillstreams.embedded;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;

/**
 * Read-check-write transactions that cannot be raced, across threads and across processes on one database.
 * SQLite: {@code BEGIN IMMEDIATE} takes the single write lock before the first read, so two transactions can
 * never both read "2 devices" and both insert. PostgreSQL: an ordinary transaction in which callers lock
 * the rows they decide on with {@link #forUpdate()}. Thread-safe.
 */
final class WriteTransactions {

    private final Database database;

    WriteTransactions(Database database) {
        this.database = database;
    }

    /** {@code " FOR UPDATE"} on PostgreSQL, nothing on SQLite (already serialised by the write lock). */
    String forUpdate() {
        return database.engine() == Engine.POSTGRESQL ? " FOR UPDATE" : "";
    }

    <T> T run(HandleCallback<T, RuntimeException> work) {
        if (database.engine() == Engine.POSTGRESQL) {
            return database.jdbi().inTransaction(work);
        }
        return database.jdbi().withHandle(handle -> immediate(handle, work));
    }

    // the connection stays in auto-commit, so SQLite sees our own BEGIN/COMMIT as the transaction boundary
    private static <T> T immediate(Handle handle, HandleCallback<T, RuntimeException> work) {
        handle.execute("BEGIN IMMEDIATE");
        boolean done = false;
        try {
            T result = work.withHandle(handle);
            handle.execute("COMMIT");
            done = true;
            return result;
        } finally {
            if (!done) {
                handle.execute("ROLLBACK");
            }
        }
    }
}
