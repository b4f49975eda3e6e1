package dev.chillproxy.chillstreams.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Prepared statements kept per SQLite connection: sqlite-jdbc has no statement cache and prepares (parses and plans)
 * every statement again, which Jdbi closes after each use. Here a closed statement is kept, keyed by its SQL, and
 * handed out again on the same physical connection (sqlite-jdbc resets a statement before each execution and clears
 * its parameters here). Statements are prepared on the driver's connection, not the pool's proxy, so the pool does not
 * close them when the connection goes back. A statement in use is never shared: two uses of one SQL at once get two.
 * Statements that return generated keys or are updatable are not cached. Thread-safe (a connection is used by one
 * thread at a time; the map of connections is concurrent).
 */
final class SqliteStatements implements StatementBuilderFactory {

    /** Distinct statements kept per connection; the application has a few dozen, an {@code IN (…)} list makes more. */
    static final int MAX_PER_CONNECTION = 256;

    private final Map<SQLiteConnection, Kept> connections = new ConcurrentHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        return new Builder();
    }

    /** Statements kept for one connection: idle ones by SQL, and the SQL each handed-out one was prepared from. */
    private static final class Kept {
        final Map<String, PreparedStatement> idle = new HashMap<>();
        final Map<Statement, String> handedOut = new IdentityHashMap<>();
    }

    private Kept kept(SQLiteConnection raw) {
        Kept kept = connections.get(raw);
        if (kept == null) {
            // a new physical connection: forget those the pool closed meanwhile (their statements died with them)
            connections.keySet().removeIf(SqliteStatements::closed);
            kept = connections.computeIfAbsent(raw, c -> new Kept());
        }
        return kept;
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private final class Builder extends DefaultStatementBuilder {

        @Override
        public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
            if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()
                    || !connection.isWrapperFor(SQLiteConnection.class)) {
                return super.create(connection, sql, context);
            }
            SQLiteConnection raw = connection.unwrap(SQLiteConnection.class);
            Kept kept = kept(raw);
            PreparedStatement statement = kept.idle.remove(sql);
            if (statement == null) {
                statement = raw.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            }
            kept.handedOut.put(statement, sql);
            return statement;
        }

        @Override
        public void close(Connection connection, String sql, Statement statement) throws SQLException {
            Kept kept = connection.isWrapperFor(SQLiteConnection.class)
                    ? connections.get(connection.unwrap(SQLiteConnection.class)) : null;
            String preparedFrom = kept == null ? null : kept.handedOut.remove(statement);
            if (preparedFrom == null) {
                super.close(connection, sql, statement); // not one of ours
                return;
            }
            PreparedStatement prepared = (PreparedStatement) statement;
            try {
                ResultSet open = prepared.getResultSet();
                if (open != null) {
                    open.close(); // resets the statement: an unfinished read would pin an old snapshot
                }
                prepared.clearParameters();
                prepared.clearBatch();
            } catch (SQLException e) {
                prepared.close();
                return;
            }
            if (kept.idle.size() >= MAX_PER_CONNECTION || kept.idle.putIfAbsent(preparedFrom, prepared) != null) {
                prepared.close();
            }
        }
    }
}
