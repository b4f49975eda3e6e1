package dev.chillproxy.chillstreams.embedded;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

import dev.chillproxy.chillstreams.pool.UsageEvent;

/**
 * Usage events into {@code torbox_pool_usage_logs} as multi-row INSERTs: a group commit hands over tens of events
 * at once, and one statement of many rows costs the database (whose CPU the server shares) and the driver far less
 * than one execution per row. Rows go in chunks of {@link #CHUNKS} rows, so there are only four distinct
 * statements to prepare and cache, whatever the group's size. Event ids already stored are skipped. Stateless.
 */
final class UsageInserts {

    /** Largest first; every group is a sum of these, with at most three chunks of each size below the largest. */
    static final int[] CHUNKS = {64, 16, 4, 1};
    private static final int COLUMNS = 10;
    private static final String[] SQL = new String[CHUNKS.length];

    static {
        for (int i = 0; i < CHUNKS.length; i++) {
            StringBuilder sql = new StringBuilder("INSERT INTO torbox_pool_usage_logs"
                    + " (event_id, user_id, pool_key_id, action, hash, cached, bytes, at, outcome, reason) VALUES ");
            for (int row = 0; row < CHUNKS[i]; row++) {
                sql.append(row == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            SQL[i] = sql.append(" ON CONFLICT (event_id) DO NOTHING").toString();
        }
    }

    private UsageInserts() {
    }

    /**
     * Inserts every event on {@code handle} (in its transaction, if one is open).
     *
     * @param plainJdbc bind through JDBC directly (PostgreSQL: the driver keeps its prepared statements per connection,
     *                  and Jdbi's per-value binding cost more than the insert itself); otherwise through Jdbi, whose
     *                  statement cache SQLite needs
     */
    static void insert(Handle handle, List<UsageEvent> events, boolean plainJdbc) throws SQLException {
        int next = 0;
        for (int i = 0; i < CHUNKS.length; i++) {
            while (events.size() - next >= CHUNKS[i]) {
                List<UsageEvent> chunk = events.subList(next, next + CHUNKS[i]);
                if (plainJdbc) {
                    try (PreparedStatement statement = handle.getConnection().prepareStatement(SQL[i])) {
                        for (int row = 0; row < chunk.size(); row++) {
                            bind(statement, row * COLUMNS, chunk.get(row));
                        }
                        statement.executeUpdate();
                    }
                } else {
                    Update update = handle.createUpdate(SQL[i]);
                    for (int row = 0; row < chunk.size(); row++) {
                        bind(update, row * COLUMNS, chunk.get(row));
                    }
                    update.execute();
                }
                next += CHUNKS[i];
            }
        }
    }

    private static void bind(PreparedStatement statement, int at, UsageEvent event) throws SQLException {
        statement.setString(at + 1, event.eventId());
        statement.setString(at + 2, event.userId());
        statement.setString(at + 3, event.poolKeyId());
        statement.setString(at + 4, event.action());
        statement.setString(at + 5, event.hash());
        statement.setInt(at + 6, event.cached() ? 1 : 0);
        statement.setLong(at + 7, event.bytes());
        statement.setLong(at + 8, event.at().toEpochMilli());
        statement.setString(at + 9, event.outcome());
        statement.setString(at + 10, event.reason());
    }

    private static void bind(Update update, int at, UsageEvent event) {
        update.bind(at, event.eventId()).bind(at + 1, event.userId()).bind(at + 2, event.poolKeyId())
                .bind(at + 3, event.action()).bind(at + 4, event.hash()).bind(at + 5, event.cached() ? 1 : 0)
                .bind(at + 6, event.bytes()).bind(at + 7, event.at().toEpochMilli()).bind(at + 8, event.outcome())
                .bind(at + 9, event.reason());
    }
}
