package dev.chillproxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.server.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path temp;

    @Test
    void defaultDatabaseLivesInTheCreatedDataFolderAndSurvivesRestarts() {
        Path dataDir = temp.resolve("nested/data");
        Settings settings = Settings.fromEnvironment(Map.of("DATA_DIR", dataDir.toString()));
        try (Database first = Database.open(settings.storage().databaseUrl())) {
            Migrations.apply(first, Migrations.owners(true), "1.0.0", Clock.systemUTC());
            assertTrue(first.isReachable());
        }
        assertTrue(Files.isRegularFile(dataDir.resolve("chillproxy.db")));
        try (Database second = Database.open(settings.storage().databaseUrl())) {
            Migrations.apply(second, Migrations.owners(true), "1.0.1", Clock.systemUTC());
            int starts = second.jdbi().withHandle(h ->
                    h.createQuery("SELECT count(*) FROM server_start").mapTo(Integer.class).one());
            assertEquals(2, starts, "migrations are not re-applied; each start is recorded");
        }
    }
}
