package dev.chillproxy.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.cluster.NotifyChannel;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances on one PostgreSQL database: an admin change on one reaches the other's cached grants; each lists both. */
class ClusterRevocationTest {

    private static final Map<String, String> SHARED = Map.of(
            "ADMIN_API_KEY", "admin-0123456789abcdef0123456789abcdef",
            "POOL_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "POOL_GRANT_TTL", "5m");

    private ServerFixture a;
    private ServerFixture b;
    private String channel;

    @BeforeEach
    void startTwoInstances() throws Exception {
        a = ServerFixture.withCatalogue(Engine.POSTGRESQL, SHARED);
        b = ServerFixture.withCatalogue(Engine.POSTGRESQL, SHARED, url -> a.testDatabase.url());
        channel = NotifyChannel.of(a.database).name();
        await(() -> listeners().size() == 2, 10_000);
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
        a.close();
    }

    @Test
    void aLostListenConnectionStopsTheOtherInstanceTrustingItsCacheUntilItIsBack() throws Exception {
        a.addPoolKey(ServerFixture.KEY_ONE, 5);
        String user = a.addUser();
        String path = ServerFixture.streamPath(user, 2);
        assertTrue(served(b, path));
        assertTrue(served(b, path));

        assertTrue(health(b).contains("\"revocations\":\"live\""), health(b));
        assertTrue(b.getText("/metrics").contains("chillproxy_revocation_feed_up 1.0"));
        List<Integer> before = listeners();
        String logs = ServerFixture.capturingLogs(() -> {
            a.database.jdbi().useHandle(handle -> handle.createQuery(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name")
                    .bind("name", channel).mapTo(Boolean.class).list());
            // the operator sees it while it lasts
            await(() -> health(b).contains("reconnecting"), 1_000);
            // a change nobody is told about: only a distrusted cache (or the catch-up) can see it
            a.database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE users SET status = 'disabled' WHERE id = :id")
                    .bind("id", user).execute());
            await(() -> !served(b, path), 1_000);
            await(() -> listeners().size() == 2 && listeners().stream().noneMatch(before::contains), 10_000);
        });
        assertTrue(logs.contains("revocation feed lost"), logs);

        a.admin("PATCH", "/users/" + user, "{\"status\":\"active\"}"); // told again once both listen
        await(() -> served(b, path), 1_000);
        await(() -> health(b).contains("\"revocations\":\"live\""), 5_000);
    }

    private static String health(ServerFixture instance) {
        try {
            return instance.getText("/health");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bothInstancesAreListedWithAWarningThatTheirLimitsAreNotShared() throws Exception {
        await(() -> instances().get("live").asInt() == 2, 5_000);
        JsonNode listed = instances();
        assertEquals(2, listed.get("items").size());
        assertEquals("test", listed.get("items").get(0).get("version").asText());
        assertEquals(2, listed.get("warnings").size(), listed.toString());
        assertTrue(listed.get("warnings").get(0).asText().contains("without shared limits"), listed.toString());

        b.close(); // a stopped instance leaves the list at once
        b = null;
        assertEquals(1, instances().get("items").size());
        assertEquals(0, instances().get("warnings").size());
    }

    private JsonNode instances() {
        try {
            return a.admin("GET", "/instances", null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** True for a real stream list, false for the "Access disabled" entry. */
    private static boolean served(ServerFixture instance, String path) {
        try {
            return !instance.streams(path, "Player/1").get(0).get("name").asText().contains("Access disabled");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The backends listening for this database's revocations (both instances' listen connections). */
    private List<Integer> listeners() {
        return a.database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT pid FROM pg_stat_activity WHERE application_name = :name AND query NOT LIKE '%pg_stat_activity%'")
                .bind("name", channel).mapTo(Integer.class).list());
    }

    private static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + millis + " ms");
            }
            Thread.sleep(5);
        }
    }
}
