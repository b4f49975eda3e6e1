package dev.chillproxy.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Chillproxy with the embedded pool acting as Chillstreams for another: the second subscribes to the first's
 * {@code /api/v1/internal/events} and drops a revoked user's cached grants at once.
 */
class RemoteEventsTest {

    private static final String INTERNAL_KEY = "internal-0123456789abcdef0123456789abcdef";

    private ServerFixture pool;
    private ServerFixture edge;

    @BeforeEach
    void start() {
        pool = ServerFixture.withCatalogue(Engine.SQLITE, Map.of("CHILLSTREAMS_API_KEY", INTERNAL_KEY));
        edge = ServerFixture.withCatalogue(Engine.SQLITE, Map.of("CHILLSTREAMS_API_URL", pool.url(""),
                "CHILLSTREAMS_API_KEY", INTERNAL_KEY, "POOL_GRANT_TTL", "5m"));
    }

    @AfterEach
    void stop() {
        edge.close();
        pool.close();
    }

    @Test
    void aUserDisabledOnTheEmbeddedPoolIsRefusedByTheRemoteInstanceWithinASecond() throws Exception {
        pool.addPoolKey(ServerFixture.KEY_ONE, 5);
        String user = pool.addUser();
        String path = ServerFixture.streamPath(user, 3);
        await(() -> served(edge, path), 5_000);
        assertTrue(served(edge, path));

        pool.admin("PATCH", "/users/" + user, "{\"status\":\"disabled\"}");
        long changed = System.nanoTime();
        await(() -> !served(edge, path), 1_000);
        System.out.printf("admin change on the pool -> refused by the remote instance: %.1f ms%n",
                (System.nanoTime() - changed) / 1e6);
    }

    @Test
    void theEventStreamNeedsTheInternalKey() throws IOException {
        try (Response response = pool.client.newCall(new Request.Builder().url(pool.url("/api/v1/internal/events"))
                .header("Authorization", "Bearer wrong-0123456789abcdef0123456789abcdef").build()).execute()) {
            assertEquals(401, response.code());
            assertFalse(response.body().string().contains(INTERNAL_KEY));
        }
    }

    private static boolean served(ServerFixture instance, String path) {
        try {
            return !instance.streams(path, "Player/1").get(0).get("name").asText().contains("Access disabled");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
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
