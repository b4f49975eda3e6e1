package dev.chillproxy.store.http;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Fixtures;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class UpstreamHttpTest {

    static final ApiKey KEY = ApiKey.of("secret-key-0123456789abcdef");

    @StartStop
    final MockWebServer server = new MockWebServer();

    Request get() {
        return new Request.Builder().url(server.url("/thing")).build();
    }

    @Test
    void throttledThenSuccessfulCallSucceeds() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body("slow down").build());
        server.enqueue(json("{\"ok\":true}"));
        Reply reply = Fixtures.http(StoreName.TORBOX).execute(get(), KEY);
        assertEquals(200, reply.status());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void realDebridIsNeverAskedAgainAfterA429BecauseRefusedCallsCountAgainstItsLimit() {
        server.enqueue(json(429, "{\"error\":\"too_many_requests\",\"error_code\":34}").newBuilder()
                .addHeader("Retry-After", "0").build());
        server.enqueue(json("{\"ok\":true}"));
        StoreException e = assertThrows(StoreException.class, () -> Fixtures.http(StoreName.REALDEBRID).execute(get(), KEY));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, e.code());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void retryAfterBeyondTheBudgetFailsAtOnceAndReportsTheWait() {
        server.enqueue(json(429, "{\"success\":false,\"error\":\"TOO_MANY_REQUESTS\"}").newBuilder()
                .addHeader("Retry-After", "60").build());
        StoreException e = assertThrows(StoreException.class, () -> Fixtures.http(StoreName.TORBOX).execute(get(), KEY));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, e.code());
        assertEquals(Duration.ofSeconds(60), e.retryAfter().orElseThrow());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void throttledForeverGivesUpAfterTheRetryLimit() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body("no").build());
        }
        StoreException e = assertThrows(StoreException.class, () -> Fixtures.http(StoreName.TORBOX).execute(get(), KEY));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, e.code());
        assertEquals(Duration.ZERO, e.retryAfter().orElseThrow());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void serverErrorsAreRetriedBoundedAndClientErrorsNever() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Fixtures.text(503, "text/html", "<html>busy</html>"));
        }
        assertEquals(503, Fixtures.http(StoreName.TORBOX).execute(get(), KEY).status());
        assertEquals(3, server.getRequestCount());

        server.enqueue(json(404, "{}"));
        assertEquals(404, Fixtures.http(StoreName.TORBOX).execute(get(), KEY).status());
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void noRetryPolicyMakesOneAttempt() {
        server.enqueue(Fixtures.text(500, "text/plain", "boom"));
        var http = Fixtures.http(StoreName.TORBOX, RetryPolicy.none(), Duration.ofSeconds(5));
        assertEquals(500, http.execute(get(), KEY).status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void slowUpstreamTimesOutAsServiceUnavailable() {
        server.enqueue(json("{}").newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
        var http = Fixtures.http(StoreName.TORBOX, Fixtures.FAST_RETRY, Duration.ofMillis(200));
        StoreException e = assertThrows(StoreException.class, () -> http.execute(get(), KEY));
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, e.code());
        assertEquals(0, e.upstreamStatus());
    }

    @Test
    void unreachableUpstreamIsServerDown() throws Exception {
        String url = server.url("/").toString();
        server.close();
        StoreException e = assertThrows(StoreException.class, () -> Fixtures.http(StoreName.TORBOX)
                .execute(new Request.Builder().url(url).build(), KEY));
        assertEquals(ErrorCode.STORE_SERVER_DOWN, e.code());
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        assertEquals(Duration.ofSeconds(7), UpstreamHttp.parseRetryAfter("7"));
        assertEquals(Duration.ZERO, UpstreamHttp.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(null, UpstreamHttp.parseRetryAfter("soon"));
    }

    @Test
    void maskerHidesQueryTokensBearerValuesAndTheLiteralKey() {
        String masked = SecretMasker.mask("GET https://x/requestdl?token=abc123&torrent_id=1&apikey=zz&agent=me&key=k "
                + "Authorization: Bearer sekrit api_key=q echo " + KEY.reveal(), KEY);
        assertTrue(masked.contains("token=***&torrent_id=1&apikey=***&agent=***&key=***"), masked);
        assertTrue(masked.contains("Bearer ***"), masked);
        assertTrue(masked.contains("api_key=***"), masked);
        assertFalse(masked.contains("abc123") || masked.contains("sekrit") || masked.contains(KEY.reveal()), masked);
        assertTrue(masked.contains("torrent_id=1"), masked);
    }
}
