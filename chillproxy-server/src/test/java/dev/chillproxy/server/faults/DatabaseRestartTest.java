package dev.chillproxy.server.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.chillproxy.chillstreams.db.DatabaseUrl;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database going away under a running server: PostgreSQL dropping every connection (what a restart does to a
 * pool), and SQLite held by another writer for a moment. The server keeps answering and recovers by itself.
 */
class DatabaseRestartTest {

    private static final String POSTGRES = System.getenv().getOrDefault("TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void postgresDroppingEveryConnectionIsSurvivedWithoutARestart() throws Exception {
        // a name of our own, so that only this server's connections are killed, never another test's
        String applicationName = "chillproxy-faults-" + UUID.randomUUID().toString().substring(0, 8);
        fixture = ServerFixture.withCatalogue(Engine.POSTGRESQL, Map.of(), url -> new DatabaseUrl(url.engine(),
                url.jdbcUrl() + "&ApplicationName=" + applicationName, url.user(), url.password()));
        fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
        String user = fixture.addUser();
        assertEquals(2, fixture.streams(ServerFixture.streamPath(user, 0), "Player/1").size());

        assertTrue(terminate(applicationName) > 0, "the server held connections");

        int first = fixture.status(ServerFixture.streamPath(user, 1));
        assertTrue(first < 500, "a stream list never answers a bare " + first);
        assertEquals(200, awaitHealthy(), "/health recovers by itself");
        assertEquals(2, fixture.streams(ServerFixture.streamPath(fixture.addUser(), 2), "Player/2").size(),
                "new user, new device: the pool writes again");
        assertTrue(fixture.play(ServerFixture.playbackPath(user, 2), "Player/1").startsWith("http://cdn.tb.invalid/"));
    }

    @Test
    void sqliteHeldByAnotherWriterMakesRequestsWaitNotFail() throws Exception {
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of());
        fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
        String user = fixture.addUser();
        AtomicLong releasedAt = new AtomicLong();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + fixture.testDatabase.url().sqliteFile());
             Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            // the first request of a new device has to write (device, usage): it must wait for the lock
            CompletableFuture<Integer> listed = CompletableFuture.supplyAsync(() -> {
                try {
                    int size = fixture.streams(ServerFixture.streamPath(user, 0), "Player/1").size();
                    assertTrue(releasedAt.get() > 0, "answered while the other writer still held the database");
                    return size;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(1_000);
            releasedAt.set(System.nanoTime());
            statement.execute("COMMIT");
            assertEquals(2, listed.join());
        }
        assertEquals(200, fixture.status("/health"));
        assertEquals(1, fixture.admin("GET", "/users/" + user, null).get("devices").size(), "the device was stored");
    }

    /** Kills every connection of the server's pool, as a database restart does; returns how many. */
    private static int terminate(String applicationName) throws Exception {
        try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", null);
             var statement = admin.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, applicationName);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** Polls {@code /health} for up to ten seconds; returns the last status. */
    private int awaitHealthy() throws Exception {
        int status = 0;
        for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
            status = fixture.status("/health");
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        return status;
    }
}
