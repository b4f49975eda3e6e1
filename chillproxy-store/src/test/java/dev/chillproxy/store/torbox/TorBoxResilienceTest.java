package dev.chillproxy.store.torbox;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Fixtures;
import dev.chillproxy.store.StoreEndpoints;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.registry.StoreSet;
import dev.chillproxy.store.http.BreakerSettings;
import dev.chillproxy.store.http.CircuitState;
import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.http.RetryPolicy;
import dev.chillproxy.store.http.StoreHealth;
import dev.chillproxy.store.http.UpstreamHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TorBox behind the per-key budgets and the circuit breaker, against a fake TorBox on loopback. */
class TorBoxResilienceTest {

    static final ApiKey KEY = ApiKey.of("0f1e2d3c-4b5a-6978-8899-aabbccddeeff");
    static final ApiKey OTHER = ApiKey.of("ffeeddcc-bbaa-9988-7766-554433221100");
    static final String HASH = "2c229180e129280a36ba7f3a22e2f5135a02a766";
    static final String USER = ok("{\"id\":1,\"email\":\"u@example.com\",\"plan\":2}");

    @StartStop
    final MockWebServer server = Fixtures.server();
    final TestClock clock = new TestClock();
    final ResilienceSettings resilience = new ResilienceSettings(clock, BreakerSettings.defaults(), Map.of());

    static String ok(String data) {
        return "{\"success\":true,\"error\":null,\"detail\":\"ok\",\"data\":" + data + "}";
    }

    TorBoxStore store(RetryPolicy retry, Duration readTimeout) {
        return new TorBoxStore(Fixtures.http(StoreName.TORBOX, retry, readTimeout, resilience),
                server.url("/").toString());
    }

    TorBoxStore store() {
        return store(Fixtures.FAST_RETRY, Duration.ofSeconds(5));
    }

    void answer(Supplier<MockResponse> response) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return response.get();
            }
        });
    }

    static StoreException assertFails(ErrorCode code, Runnable call) {
        StoreException e = assertThrows(StoreException.class, call::run);
        assertEquals(code, e.code(), e.getMessage());
        assertFalse(e.getMessage().contains(KEY.reveal()) || e.getMessage().contains(OTHER.reveal()), e.getMessage());
        return e;
    }

    @Test
    void the301stRequestOfAKeyInAMinuteFailsFastWhileAnotherKeyPasses() {
        answer(() -> json(USER));
        TorBoxStore torbox = store();
        for (int i = 0; i < 300; i++) {
            torbox.user(KEY);
        }
        StoreException e = assertFails(ErrorCode.TOO_MANY_REQUESTS, () -> torbox.user(KEY));
        assertEquals(Duration.ofMinutes(1), e.retryAfter().orElseThrow());
        assertEquals(300, server.getRequestCount(), "the refused call never reached TorBox");
        torbox.user(OTHER);
        assertEquals(301, server.getRequestCount());

        clock.advance(Duration.ofMinutes(1));
        torbox.user(KEY);
        assertEquals(302, server.getRequestCount(), "the budget refilled with the clock");
    }

    @Test
    void the61stCreateTorrentInAnHourFailsFast() {
        answer(() -> json(ok("{\"torrent_id\":42,\"hash\":\"" + HASH + "\"}")));
        TorBoxStore torbox = store();
        for (int minute = 0; minute < 6; minute++) {
            for (int i = 0; i < 10; i++) {
                torbox.addMagnet(KEY, HASH, null);
            }
            assertFails(ErrorCode.TOO_MANY_REQUESTS, () -> torbox.addMagnet(KEY, HASH, null));
            clock.advance(Duration.ofMinutes(1));
        }
        StoreException e = assertFails(ErrorCode.TOO_MANY_REQUESTS, () -> torbox.addMagnet(KEY, HASH, null));
        assertEquals(Duration.ofMinutes(54), e.retryAfter().orElseThrow());
        assertEquals(60, server.getRequestCount());
        torbox.user(KEY);
        assertEquals(61, server.getRequestCount(), "other endpoints still work for this key");
    }

    @Test
    void serverErrorsOpenTheBreakerForEveryKeyAndTorBoxSeesNothingWhileOpen() {
        answer(() -> serverError());
        String url = server.url("/").toString();
        StoreSet stores = StoreSet.create(Fixtures.CLIENT, Fixtures.JSON, new StoreEndpoints(url, url, url, url, url),
                "chillproxy/test", resilience);
        for (int i = 0; i < 5; i++) {
            assertFails(ErrorCode.INTERNAL_SERVER_ERROR, () -> stores.get(StoreName.TORBOX).user(KEY));
        }
        int requests = server.getRequestCount();
        assertEquals(15, requests, "5 calls of 1 attempt + 2 retries; retries are one outcome");
        StoreException e = assertFails(ErrorCode.SERVICE_UNAVAILABLE, () -> stores.get(StoreName.TORBOX).user(OTHER));
        assertTrue(e.getMessage().contains("torbox is failing; not calling it for 30 s"), e.getMessage());
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            assertFails(ErrorCode.SERVICE_UNAVAILABLE, () -> stores.get(StoreName.TORBOX).user(KEY));
        }
        assertEquals(requests, server.getRequestCount());

        List<StoreHealth> health = stores.healthSnapshot();
        assertEquals(5, health.size());
        assertEquals(new StoreHealth(StoreName.TORBOX, CircuitState.OPEN, 5, Duration.ofSeconds(20)), health.get(0));
        assertTrue(health.subList(1, 5).stream().allMatch(h -> h.state() == CircuitState.CLOSED), health.toString());
    }

    static MockResponse serverError() {
        // Retry-After: 0 keeps the retries' back-off out of the test's run time
        return json(500, "{\"success\":false,\"error\":\"DATABASE_ERROR\",\"detail\":\"db\",\"data\":null}")
                .newBuilder().addHeader("Retry-After", "0").build();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 500})
    void halfOpenLetsExactlyOneProbeThroughAmongTwentyCallers(int probeStatus) throws Exception {
        answer(TorBoxResilienceTest::serverError);
        UpstreamHttp http = Fixtures.http(StoreName.TORBOX, RetryPolicy.none(), Duration.ofSeconds(5), resilience);
        TorBoxStore torbox = new TorBoxStore(http, server.url("/").toString());
        for (int i = 0; i < 5; i++) {
            assertFails(ErrorCode.INTERNAL_SERVER_ERROR, () -> torbox.user(KEY));
        }
        clock.advance(Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        answer(() -> {
            await(release); // holds the probe in flight while the other 19 try
            return probeStatus == 200 ? json(USER) : serverError();
        });
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> {
                    await(start);
                    try {
                        return torbox.user(KEY).email();
                    } catch (StoreException e) {
                        return e.code() + (e.getMessage().contains("circuit open") ? " open" : "");
                    }
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (calls.stream().filter(Future::isDone).count() < 19 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            release.countDown();
            Map<String, Long> outcomes = new TreeMap<>();
            for (Future<String> call : calls) {
                outcomes.merge(call.get(10, TimeUnit.SECONDS), 1L, Long::sum);
            }
            String probe = probeStatus == 200 ? "u@example.com" : "INTERNAL_SERVER_ERROR";
            assertEquals(Map.of(probe, 1L, "SERVICE_UNAVAILABLE open", 19L), outcomes);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6, server.getRequestCount(), "5 failures, then exactly one probe");
        assertEquals(probeStatus == 200 ? CircuitState.CLOSED : CircuitState.OPEN, http.health().state());
    }

    static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void slowTorBoxCostsOneAttemptPerCallAndOpensTheBreaker() {
        answer(() -> json(USER).newBuilder().headersDelay(1, TimeUnit.SECONDS).build());
        TorBoxStore torbox = store(Fixtures.FAST_RETRY, Duration.ofMillis(50));
        for (int i = 0; i < 5; i++) {
            assertEquals(0, assertFails(ErrorCode.SERVICE_UNAVAILABLE, () -> torbox.user(KEY)).upstreamStatus());
        }
        assertEquals(5, server.getRequestCount(), "a timed-out request is not repeated");
        StoreException e = assertFails(ErrorCode.SERVICE_UNAVAILABLE, () -> torbox.user(KEY));
        assertTrue(e.getMessage().contains("circuit open"), e.getMessage());
        assertEquals(5, server.getRequestCount());
    }

    @Test
    void unreachableTorBoxOpensTheBreaker() throws Exception {
        TorBoxStore torbox = store();
        server.close();
        for (int i = 0; i < 5; i++) {
            assertFails(ErrorCode.STORE_SERVER_DOWN, () -> torbox.user(KEY));
        }
        assertTrue(assertFails(ErrorCode.SERVICE_UNAVAILABLE, () -> torbox.user(KEY)).getMessage()
                .contains("circuit open"));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 429})
    void clientErrorsNeverOpenTheBreaker(int status) {
        answer(() -> new MockResponse.Builder().code(status).addHeader("Retry-After", "0")
                .addHeader("Content-Type", "application/json")
                .body("{\"success\":false,\"error\":\"BAD_TOKEN\",\"detail\":\"no\",\"data\":null}").build());
        TorBoxStore torbox = store();
        for (int i = 0; i < 10; i++) {
            assertThrows(StoreException.class, () -> torbox.user(KEY));
        }
        int attempts = status == 429 ? 3 : 1;
        assertEquals(10 * attempts, server.getRequestCount(), "every call reached TorBox");
    }

    @Test
    void throttledByTorBoxRetriesAreBoundedAndTheErrorCarriesRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body("slow down").build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body("slow down").build());
        server.enqueue(json(429, "{\"success\":false,\"error\":\"TOO_MANY_REQUESTS\",\"detail\":\"x\",\"data\":null}")
                .newBuilder().addHeader("Retry-After", "30").build());
        StoreException e = assertFails(ErrorCode.TOO_MANY_REQUESTS, () -> store().user(KEY));
        assertEquals(429, e.upstreamStatus());
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
        assertEquals(3, server.getRequestCount());
    }
}
