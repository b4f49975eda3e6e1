package dev.chillproxy.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.http.BreakerSettings;
import dev.chillproxy.store.http.BudgetLedger;
import dev.chillproxy.store.http.HttpSettings;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.http.RetryPolicy;
import dev.chillproxy.store.http.UpstreamHttp;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances sharing one Redis spend one key's TorBox budget together, never more. */
class SharedBudgetsTest {

    private static final ApiKey KEY = ApiKey.of("tb-shared-budget-key-0123456789");
    private static final OkHttpClient HTTP = new OkHttpClient();

    @StartStop
    private final MockWebServer torbox = new MockWebServer();
    private final TestRedis redis = new TestRedis();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    private UpstreamHttp upstream(SharedLimits instance) {
        torbox.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).body("{\"success\":true}").build();
            }
        });
        ResilienceSettings resilience = instance.resilience(
                new ResilienceSettings(Clock.systemUTC(), BreakerSettings.defaults(), Map.of()));
        return new UpstreamHttp(HTTP, new ObjectMapper(), StoreName.TORBOX,
                new HttpSettings("chillproxy/test", Duration.ofSeconds(2), Duration.ofSeconds(5), RetryPolicy.none()),
                resilience);
    }

    /** Runs every task on 16 threads at once; returns how many answered true. */
    private static int granted(List<Callable<Boolean>> attempts) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            int granted = 0;
            for (Future<Boolean> result : threads.invokeAll(attempts)) {
                granted += result.get() ? 1 : 0;
            }
            return granted;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void seventyCreateTorrentsThroughTwoInstancesReachTorBoxTenTimesTheMinuteEdge() throws Exception {
        List<UpstreamHttp> instances = List.of(upstream(redis.instance()), upstream(redis.instance()));
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            UpstreamHttp instance = instances.get(i % 2);
            attempts.add(() -> {
                Request create = new Request.Builder().url(torbox.url("/v1/api/torrents/createtorrent"))
                        .post(RequestBody.create(new byte[0])).build();
                try {
                    return instance.execute(create, KEY).status() == 200;
                } catch (StoreException refused) {
                    assertEquals(ErrorCode.TOO_MANY_REQUESTS, refused.code());
                    assertTrue(refused.isOwnLimit());
                    return false;
                }
            });
        }

        assertEquals(10, granted(attempts), "TorBox allows 10 createtorrent a minute per key, over all instances");
        assertEquals(10, torbox.getRequestCount(), "the refused ones never reached TorBox");
        // check and spend are one step over all windows: the refused attempts spent nothing anywhere
        List<String> keys = redis.keys();
        assertEquals(3, keys.size(), keys.toString());
        for (String key : keys) {
            assertEquals(10, redis.inspector().zcard(key), key);
            assertFalse(key.contains(KEY.reveal()), "Redis keys name the key's fingerprint, never the key");
        }
    }

    @Test
    void seventyAddsAgainstTheHourlyWindowGrantExactlySixtyOverTwoInstances() throws Exception {
        List<BudgetLedger.Window> hourly = List.of(new BudgetLedger.Window("createtorrent:1h", 60, Duration.ofHours(1)));
        List<BudgetLedger> instances = List.of(redis.instance().ledger(), redis.instance().ledger());
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            BudgetLedger instance = instances.get(i % 2);
            attempts.add(() -> instance.tryAcquire("torbox:fingerprint", hourly).isZero());
        }

        assertEquals(60, granted(attempts));
        Duration wait = instances.get(0).tryAcquire("torbox:fingerprint", hourly);
        assertTrue(wait.compareTo(Duration.ofMinutes(59)) > 0 && wait.compareTo(Duration.ofHours(1)) <= 0, wait.toString());
        String key = redis.keys().get(0);
        long ttl = redis.inspector().pttl(key);
        assertTrue(ttl > Duration.ofMinutes(59).toMillis() && ttl <= Duration.ofHours(1).toMillis(),
                "a log lives one window after its last spend: " + ttl);
    }
}
