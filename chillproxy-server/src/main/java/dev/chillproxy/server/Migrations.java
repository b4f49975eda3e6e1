package dev.chillproxy.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.chillproxy.chillstreams.cluster.InstanceRegistry;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.chillstreams.outbox.UsageOutbox;

/**
 * Every module's tables, migrated in one place at start ({@code db/<owner>/<engine>/V*.sql}, one Flyway history per
 * owner so modules add migrations without coordinating versions), then the start recorded in {@code server_start}
 * so operators see restarts and versions.
 */
final class Migrations {

    private Migrations() {
    }

    /**
     * Every migration owner this server applies: its own tables, the usage outbox (remote pool; embedded, for rows an
     * older version left), the pool's tables where the pool runs here, the addon's index, and the abuse signals'.
     */
    static List<String> owners(boolean embeddedPool) {
        List<String> owners = new ArrayList<>(List.of("server"));
        owners.addAll(UsageOutbox.MIGRATIONS);
        owners.add(InstanceRegistry.MIGRATIONS);
        if (embeddedPool) {
            owners.addAll(EmbeddedPool.MIGRATIONS);
        }
        owners.add("torz");
        owners.add("signals"); // the per-key playback limit needs it with either pool
        return owners;
    }

    static void apply(Database database, List<String> owners, String version, Clock clock) {
        database.migrate(owners);
        database.jdbi().useHandle(handle -> handle
                .createUpdate("INSERT INTO server_start (version, started_at) VALUES (:version, :at)")
                .bind("version", version)
                .bind("at", clock.instant().toString())
                .execute());
    }
}
