package dev.chillproxy.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.server.fakes.ServerFixture;
import dev.chillproxy.server.limits.RequestLimits;
import dev.chillproxy.server.settings.RedisUrl;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.http.BreakerSettings;
import dev.chillproxy.store.http.BudgetLedger;
import dev.chillproxy.store.http.HttpSettings;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.http.RetryPolicy;
import dev.chillproxy.store.http.UpstreamHttp;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limits and breakers shared by two instances, and what an instance does when Redis does not answer. */
class SharedLimitsTest {

    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final ApiKey KEY = ApiKey.of("tb-shared-limits-key-0123456789");
    private static final List<BudgetLedger.Window> CREATE = List.of(
            new BudgetLedger.Window("all", 300, Duration.ofMinutes(1)),
            new BudgetLedger.Window("create:1h", 60, Duration.ofHours(1)),
            new BudgetLedger.Window("create:1m", 10, Duration.ofMinutes(1)));

    @StartStop
    private final MockWebServer torbox = new MockWebServer();
    private final TestRedis redis = new TestRedis();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    private static UpstreamHttp upstream(SharedLimits instance) {
        return new UpstreamHttp(HTTP, new ObjectMapper(), StoreName.TORBOX,
                new HttpSettings("chillproxy/test", Duration.ofMillis(500), Duration.ofSeconds(2), RetryPolicy.none()),
                instance.resilience(new ResilienceSettings(Clock.systemUTC(), new BreakerSettings(3, Duration.ofMinutes(1)), Map.of())));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static SharedLimits unreachable(int liveInstances) throws IOException {
        RedisUrl nowhere = RedisUrl.parse("redis://127.0.0.1:" + closedPort()).orElseThrow();
        return SharedLimits.of(Optional.of(nowhere), () -> liveInstances, Clock.systemUTC(), Ticker.systemTicker());
    }

    @Test
    void aUsersRateLimitHoldsOverBothInstances() {
        // 1 request/s with bursts of 2 per user: the burst is the user's, wherever the requests land
        List<RequestLimits> instances = List.of(new RequestLimits(1, 1_000, redis.instance().rateBuckets()),
                new RequestLimits(1, 1_000, redis.instance().rateBuckets()));
        long started = System.nanoTime();
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            allowed += instances.get(i % 2).checkUser("user-1").isEmpty() ? 1 : 0;
        }
        long refills = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertTrue(allowed >= 2 && allowed <= 2 + refills, allowed + " allowed in " + refills + " s (two local limits: 4)");
        assertTrue(instances.get(1).checkUser("user-2").isEmpty(), "another user has their own bucket");
    }

    @Test
    void aBreakerOpenedByOneInstanceStopsTheOtherCallingTheService() throws Exception {
        UpstreamHttp first = upstream(redis.instance());
        UpstreamHttp second = upstream(redis.instance());
        Request down = new Request.Builder().url("http://127.0.0.1:" + closedPort() + "/v1/api/user/me").build();
        String logs = ServerFixture.capturingLogs(() -> {
            for (int i = 0; i < 3; i++) {
                assertThrows(StoreException.class, () -> first.execute(down, KEY));
            }
        });
        assertTrue(logs.contains("circuit open"), logs);

        StoreException refused = assertThrows(StoreException.class,
                () -> second.execute(new Request.Builder().url(torbox.url("/v1/api/user/me")).build(), KEY));
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, refused.code());
        assertTrue(refused.getMessage().contains("circuit open"), refused.getMessage());
        assertEquals(0, torbox.getRequestCount(), "the second instance did not call TorBox");
        assertEquals(dev.chillproxy.store.http.CircuitState.OPEN, second.health().state());
    }

    @Test
    void withRedisUnreachableEachOfTwoInstancesGetsHalfTheBudgetAndNeverMore() throws Exception {
        int[] granted = {0};
        String logs = ServerFixture.capturingLogs(() -> {
            try (SharedLimits first = unreachable(2); SharedLimits second = unreachable(2)) {
                for (int i = 0; i < 70; i++) {
                    granted[0] += (i % 2 == 0 ? first : second).ledger().tryAcquire("torbox:fp", CREATE).isZero() ? 1 : 0;
                }
                assertEquals("local (redis unreachable)", first.mode());
                assertLocalUserLimit(first);
            }
        });
        assertEquals(10, granted[0], "5 + 5: the two never exceed the 10/min edge together");
        assertEquals(2, logs.split("Redis unreachable", -1).length - 1, "one warning per instance, not per request: " + logs);
    }

    private static void assertLocalUserLimit(SharedLimits instance) {
        RequestLimits limits = new RequestLimits(2, 1_000, instance.rateBuckets());
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += limits.checkUser("user-1").isEmpty() ? 1 : 0;
        }
        assertEquals(2, allowed, "a burst of 4 per user, shared by two instances: 2 here");
    }

    @Test
    void healthSaysWhereTheLimitsLive() throws Exception {
        int port = closedPort();
        try (ServerFixture shared = ServerFixture.start(Engine.SQLITE, Map.of("REDIS_URL", TestRedis.URL.uri().toString()));
             ServerFixture alone = ServerFixture.start(Engine.SQLITE, Map.of())) {
            assertEquals("{\"status\":\"ok\",\"limits\":\"shared\"}", normalized(shared.getText("/health")));
            assertEquals("{\"status\":\"ok\",\"limits\":\"local\"}", normalized(alone.getText("/health")));
        }
        String logs = ServerFixture.capturingLogs(() -> {
            try (ServerFixture cutOff = ServerFixture.start(Engine.SQLITE, Map.of("REDIS_URL", "redis://127.0.0.1:" + port))) {
                assertEquals("{\"status\":\"ok\",\"limits\":\"local (redis unreachable)\"}",
                        normalized(cutOff.getText("/health")));
            }
        });
        assertTrue(logs.contains("Redis unreachable"), logs);
    }

    /** The JSON object with its fields in a fixed order. */
    private static String normalized(String json) throws IOException {
        var node = new ObjectMapper().readTree(json);
        return "{\"status\":\"" + node.get("status").asText() + "\",\"limits\":\"" + node.get("limits").asText() + "\"}";
    }
}
