package dev.chillproxy.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.chillproxy.chillstreams.db.Database;

/**
 * Every module's tables, migrated in one place at start ({@code db/<owner>/<engine>/V*.sql}, one Flyway history per
 * owner so modules add migrations without coordinating versions), then the start recorded in {@code server_start}
 * so operators see restarts and versions.
 */
final class Migrations {

    private Migrations() {
    }

    /** The owners this server migrates: the pool's tables only where the pool runs here. */
    static List<String> owners(boolean embeddedPool) {
        List<String> owners = new ArrayList<>(List.of("server", "outbox", "torz"));
        if (embeddedPool) {
            owners.add("pool");
        }
        return owners;
    }

    static void apply(Database database, boolean embeddedPool, String version, Clock clock) {
        owners(embeddedPool).forEach(database::migrate);
        database.jdbi().useHandle(handle -> handle
                .createUpdate("INSERT INTO server_start (version, started_at) VALUES (:version, :at)")
                .bind("version", version)
                .bind("at", clock.instant().toString())
                .execute());
    }
}
