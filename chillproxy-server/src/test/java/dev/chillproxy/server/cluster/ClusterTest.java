package dev.chillproxy.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.server.fakes.Cluster;
import dev.chillproxy.server.fakes.FakeTorBox;
import dev.chillproxy.server.fakes.LoadBalancer;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL and one Redis behind HAProxy (the README's example), as an operator who outgrew
 * one machine runs them: what one instance learns, the other knows; limits hold for both together.
 */
class ClusterTest {

    private static final String REDIS_URL = "redis://127.0.0.1:6379/0";

    @BeforeAll
    static void haproxyIsThere() {
        assumeTrue(LoadBalancer.installed(), "haproxy not installed (/usr/sbin/haproxy): cluster not tested; .ci/run installs it");
    }

    @Test
    void aUserDisabledOnOneInstanceIsRefusedByTheOtherWithinOneSecondAndServedAgainWhenEnabled() throws Exception {
        try (Cluster cluster = Cluster.start(Map.of("REDIS_URL", REDIS_URL))) {
            String user = cluster.first.addUser();
            cluster.first.addPoolKey(ServerFixture.KEY_ONE, 10);
            String path = ServerFixture.streamPath(user, 1);
            assertFalse(refused(cluster, 1, path, "Access disabled"), "the second instance serves the user first");

            long disabled = System.nanoTime();
            cluster.first.admin("PATCH", "/users/" + user, "{\"status\":\"disabled\"}");
            long delayMs = -1;
            while (System.nanoTime() - disabled < 5_000_000_000L) {
                if (refused(cluster, 1, path, "Access disabled")) {
                    delayMs = (System.nanoTime() - disabled) / 1_000_000;
                    break;
                }
                Thread.sleep(10);
            }
            System.out.println("cluster: revocation on instance 0 refused on instance 1 after " + delayMs + " ms");
            assertTrue(delayMs >= 0 && delayMs < 1_000, "refused after " + delayMs + " ms (grant TTL is 30 s)");

            cluster.first.admin("PATCH", "/users/" + user, "{\"status\":\"active\"}");
            long enabled = System.nanoTime();
            while (refused(cluster, 1, path, "Access disabled")) {
                assertTrue(System.nanoTime() - enabled < 1_000_000_000L, "still refused a second after being enabled");
                Thread.sleep(10);
            }
        }
    }

    @Test
    void theDeviceLimitHoldsForTwentyFourNewDevicesThroughTheBalancer() throws Exception {
        try (Cluster cluster = Cluster.start(Map.of("REDIS_URL", REDIS_URL))) {
            String user = cluster.first.addUser();
            cluster.first.addPoolKey(ServerFixture.KEY_ONE, 10);
            ExecutorService clients = Executors.newFixedThreadPool(24);
            try {
                List<Future<Boolean>> served = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    String address = "127.0.0." + (10 + i);
                    served.add(clients.submit(() -> !refusedThroughBalancer(cluster, address, ServerFixture.streamPath(user, 2))));
                }
                int allowed = 0;
                for (Future<Boolean> answer : served) {
                    allowed += answer.get() ? 1 : 0;
                }
                assertEquals(3, allowed, "devices served");
            } finally {
                clients.shutdownNow();
            }
            assertEquals(3, cluster.first.admin("GET", "/users/" + user, null).get("devices").size());
        }
    }

    @Test
    void twoInstancesTogetherNeverAddMoreTorrentsThanTorBoxAllowsAKey() throws Exception {
        try (Cluster cluster = Cluster.start(Map.of("REDIS_URL", REDIS_URL, "USER_ADDS_PER_HOUR", "1000"))) {
            // a key of its own: budgets are kept per key in Redis, across runs too
            String key = UUID.randomUUID().toString();
            cluster.first.torBox.acceptKey(key);
            for (int n = 0; n < 14; n++) {
                cluster.first.torBox.know(new FakeTorBox.Torrent(ServerFixture.uncachedHash(n), "Fault.Movie." + n,
                        List.of("Fault.Movie." + n + ".mkv"), 2_000_000_000L));
            }
            String user = cluster.first.addUser();
            cluster.first.addPoolKey(key, 10);
            for (int n = 0; n < 14; n++) {
                String path = "/stremio/torz/" + ServerFixture.cfg(user) + "/_/strem/" + ServerFixture.imdbId(n) + "/tb/"
                        + ServerFixture.uncachedHash(n) + "/-1/";
                try (Response response = cluster.balancer.get("127.0.0.5", path, "Stremio/5")) {
                    assertTrue(response.code() < 500, "playback " + n + " answered " + response.code());
                }
            }
            int adds = cluster.first.torBox.calls("createtorrent").size();
            System.out.println("cluster: 14 new torrents asked for through two instances, " + adds + " added (limit 10/min)");
            assertEquals(10, adds, "TorBox allows a key 10 createtorrent a minute; both instances together");
        }
    }

    @Test
    void everyListIsLoggedOnceWhicheverInstanceAnsweredIt() throws Exception {
        try (Cluster cluster = Cluster.start(Map.of("REDIS_URL", REDIS_URL))) {
            String user = cluster.first.addUser();
            cluster.first.addPoolKey(ServerFixture.KEY_ONE, 10);
            for (int n = 0; n < 20; n++) {
                assertFalse(refusedThroughBalancer(cluster, "127.0.0.6", ServerFixture.streamPath(user, n % 5)));
            }
            // the other instance moves its journal's lines into the shared log every 100 ms
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            JsonNode usage;
            long lists;
            do {
                Thread.sleep(50);
                usage = cluster.first.admin("GET", "/usage?userId=" + user + "&limit=100", null);
                lists = 0;
                for (JsonNode event : usage.get("items")) {
                    lists += event.get("action").asText().equals("stream-list") ? 1 : 0;
                }
            } while (lists < 20 && System.nanoTime() - deadline < 0);
            assertEquals(20, lists, usage.toString());
        }
    }

    /** Whether a stream list asked of one instance directly shows the refusal {@code title}. */
    private static boolean refused(Cluster cluster, int instance, String path, String title) throws Exception {
        Request request = new Request.Builder().url(cluster.url(instance, path)).header("User-Agent", "Stremio/5").build();
        try (Response response = cluster.first.client.newCall(request).execute()) {
            String body = response.body().string();
            assertEquals(200, response.code(), body);
            return body.contains(title);
        }
    }

    /** Whether a stream list through the balancer, from {@code clientAddress}, is a refusal instead of streams. */
    private static boolean refusedThroughBalancer(Cluster cluster, String clientAddress, String path) throws Exception {
        try (Response response = cluster.balancer.get(clientAddress, path, "Stremio/5")) {
            String body = response.body().string();
            assertEquals(200, response.code(), body);
            JsonNode streams = ServerFixture.JSON.readTree(body).get("streams");
            return streams.isEmpty() || !streams.get(0).path("url").asText().contains("/_/strem/");
        }
    }
}
