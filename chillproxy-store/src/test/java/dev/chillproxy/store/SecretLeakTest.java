package dev.chillproxy.store;

import dev.chillproxy.core.store.StoreName;
import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.alldebrid.AllDebridStore;
import dev.chillproxy.store.http.BreakerSettings;
import dev.chillproxy.store.http.BudgetPlan;
import dev.chillproxy.store.http.CircuitState;
import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.http.UpstreamHttp;
import dev.chillproxy.store.torbox.TorBoxStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** No key or token in logs or exception messages; concurrent calls never swap keys. */
class SecretLeakTest {

    static final ApiKey KEY = ApiKey.of("0f1e2d3c-4b5a-6978-8899-aabbccddeeff");

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void noKeyReachesLogsOrExceptionMessages() {
        TorBoxStore torbox = new TorBoxStore(Fixtures.http(StoreName.TORBOX), server.url("/").toString());
        AllDebridStore allDebrid = new AllDebridStore(Fixtures.http(StoreName.ALLDEBRID), server.url("/").toString(),
                "chillproxy");
        List<String> messages = new ArrayList<>();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // requestdl carries the key as token=; the upstream echoes it back in an error detail
            server.enqueue(json(403, "{\"success\":false,\"error\":\"BAD_TOKEN\",\"detail\":\"token "
                    + KEY.reveal() + " is invalid\",\"data\":null}"));
            messages.add(assertThrows(StoreException.class, () -> torbox.generateLink(KEY, "1:0", null)).getMessage());
            // retried 5xx whose HTML body quotes the URL with the token
            for (int i = 0; i < 3; i++) {
                server.enqueue(Fixtures.text(502, "text/html", "<html>bad gateway for /requestdl?token="
                        + KEY.reveal() + "</html>"));
            }
            messages.add(assertThrows(StoreException.class, () -> torbox.generateLink(KEY, "1:0", null)).getMessage());
            // throttled forever
            for (int i = 0; i < 3; i++) {
                server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
            }
            messages.add(assertThrows(StoreException.class, () -> torbox.generateLink(KEY, "1:0", null)).getMessage());
            // success: the CDN URL's own token is masked in logs too
            server.enqueue(json("{\"success\":true,\"error\":null,\"data\":\"https://cdn/x?token=" + KEY.reveal() + "\"}"));
            torbox.generateLink(KEY, "1:0", null);
            // AllDebrid: agent= in the query, key in the bearer header, echoed in a message
            server.enqueue(json("{\"status\":\"error\",\"error\":{\"code\":\"AUTH_BAD_APIKEY\",\"message\":\"apikey="
                    + KEY.reveal() + " invalid\"}}"));
            messages.add(assertThrows(StoreException.class, () -> allDebrid.user(KEY)).getMessage());
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("token=***"), "masked request lines are logged: " + logs);
        assertTrue(logs.contains("retry 1/2"), logs);
        assertEquals(4, messages.size());
        String everything = logs + String.join("\n", messages);
        assertFalse(everything.contains(KEY.reveal()), everything);
        assertFalse(everything.contains("aabbccddeeff"), everything);
    }

    @Test
    void budgetAndBreakerRefusalsNameNoKeyAndRetriesSpendTheBudget() {
        TestClock clock = new TestClock();
        ResilienceSettings tight = new ResilienceSettings(clock, new BreakerSettings(1, Duration.ofSeconds(30)),
                Map.of(StoreName.TORBOX, BudgetPlan.perMinute(1)));
        UpstreamHttp http = Fixtures.http(StoreName.TORBOX, Fixtures.FAST_RETRY, Duration.ofSeconds(5), tight);
        TorBoxStore torbox = new TorBoxStore(http, server.url("/").toString());
        List<String> messages = new ArrayList<>();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 3; i++) {
                server.enqueue(Fixtures.text(500, "text/plain", "boom for " + KEY.reveal()));
            }
            messages.add(assertThrows(StoreException.class, () -> torbox.user(KEY)).getMessage());
            assertEquals(1, server.getRequestCount(), "the retry did not fit the key's budget");
            assertEquals(CircuitState.OPEN, http.health().state());
            messages.add(assertThrows(StoreException.class, () -> torbox.user(KEY)).getMessage());
            clock.advance(Duration.ofSeconds(30));
            StoreException throttled = assertThrows(StoreException.class, () -> torbox.user(KEY));
            assertEquals(ErrorCode.TOO_MANY_REQUESTS, throttled.code());
            assertEquals(CircuitState.HALF_OPEN, http.health().state(), "the refused probe left the slot free");
            messages.add(throttled.getMessage());
        } finally {
            System.setErr(original);
        }
        assertEquals(1, server.getRequestCount());
        String everything = captured.toString(StandardCharsets.UTF_8) + String.join("\n", messages);
        assertTrue(everything.contains("circuit open"), everything);
        assertTrue(everything.contains("budget is spent"), everything);
        assertFalse(everything.contains(KEY.reveal()) || everything.contains("aabbccddeeff"), everything);
    }

    @Test
    void concurrentCallsWithDifferentKeysEachReachTheUpstreamWithTheirOwnKey() throws Exception {
        CountDownLatch bothArrived = new CountDownLatch(2);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                bothArrived.countDown();
                bothArrived.await(5, TimeUnit.SECONDS);
                String bearer = request.getHeaders().get("Authorization").substring("Bearer ".length());
                return json("{\"success\":true,\"error\":null,\"data\":{\"id\":1,\"plan\":1,\"email\":\"" + bearer + "\"}}");
            }
        });
        TorBoxStore store = new TorBoxStore(Fixtures.http(StoreName.TORBOX), server.url("/").toString());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (String key : List.of("key-of-user-a-00000001", "key-of-user-b-00000002")) {
                answers.add(pool.submit(() -> store.user(ApiKey.of(key)).email()));
            }
            assertEquals("key-of-user-a-00000001", answers.get(0).get(5, TimeUnit.SECONDS));
            assertEquals("key-of-user-b-00000002", answers.get(1).get(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
