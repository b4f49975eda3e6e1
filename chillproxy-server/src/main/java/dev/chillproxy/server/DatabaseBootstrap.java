package dev.chillproxy.server;

import java.time.Instant;
import java.util.List;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the database, applies the server's own migrations and records the start in {@code server_start}
 * (operators see restarts and versions there). The pool, the outbox and torz migrate their own tables when
 * they are built. The SQLite folder is created by {@link Database#open}.
 */
final class DatabaseBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);

    /** Migration owners applied here ({@code db/<owner>/<engine>/V*.sql}); components apply theirs. */
    static final List<String> MIGRATION_OWNERS = List.of("server");

    private DatabaseBootstrap() {
    }

    static Database open(DatabaseUrl url, String version) {
        Database database = Database.open(url);
        try {
            MIGRATION_OWNERS.forEach(database::migrate);
            database.jdbi().useHandle(handle -> handle
                    .createUpdate("INSERT INTO server_start (version, started_at) VALUES (:version, :at)")
                    .bind("version", version)
                    .bind("at", Instant.now().toString())
                    .execute());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        LOG.info("database ready: {}", url);
        return database;
    }
}
