package dev.chillproxy.server.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.server.web.ErrorResponses;
import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.limits.RateLimit;
import dev.chillproxy.server.RouteTable;
import java.util.Optional;
import java.time.Clock;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chillproxy.core.torz.Access.Refusal;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.chillstreams.pool.UsageLog;
import dev.chillproxy.chillstreams.remote.ChillstreamsClient;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.secret.ApiKey;

class InternalPoolRoutesTest {

    private static final String GET_KEY = "/api/v1/internal/pool/get-key";
    private static final String LOG_USAGE = "/api/v1/internal/pool/log-usage";
    private static final String BEARER = "internal-bearer-key-0123456789abcdef";
    private static final String POOL_KEY = "tb_pool_key_0123456789abcdefa1b2";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient http = new OkHttpClient();
    private final List<UsageEvent> logged = new CopyOnWriteArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private Javalin app;

    private final List<GetKeyRequest> asked = new CopyOnWriteArrayList<>();
    /** Allows device "good" with a key of the service asked for, refuses the rest for the device limit. */
    private final KeySource fake = request -> asked.add(request) && request.deviceId().equals("good")
            ? new Grant.Allowed(ApiKey.of(POOL_KEY), "key-1", 1, request.service())
            : new Grant.Denied(Refusal.DEVICE_LIMIT, "Device limit reached (3 of 3).", 3);
    private final UsageLog log = logged::addAll;

    private String start(int rate) {
        InternalPoolRoutes routes = new InternalPoolRoutes(fake, log, MAPPER, Clock.systemUTC());
        app = Javalin.create(config -> {
            RouteTable.internalApi(config.routes, Optional.of(routes), Optional.empty(),
                    new BearerGuard(ApiKey.of(BEARER), "CHILLSTREAMS_API_KEY"), new RateLimit(rate, nanos::get));
            new ErrorResponses().register(config.routes);
        }).start(0);
        return "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private Response post(String url, String bearer, String body) throws IOException {
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, MediaType.get("application/json")));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.newCall(request.build()).execute();
    }

    @Test
    void getKeyAnswersGrantsAndDenialsInTheWireShape() throws IOException {
        String base = start(100);
        try (Response ok = post(base + GET_KEY, BEARER, "{\"userId\":\"u\",\"deviceId\":\"good\",\"action\":\"stream-list\"}")) {
            JsonNode body = MAPPER.readTree(ok.body().string());
            assertEquals(200, ok.code());
            assertEquals(MAPPER.readTree("{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\",\"poolKeyId\":\"key-1\",\"service\":\"torbox\",\"deviceCount\":1}"), body);
        }
        try (Response denied = post(base + GET_KEY, BEARER, "{\"userId\":\"u\",\"deviceId\":\"new\",\"action\":\"stream-served\",\"hash\":\"abc\",\"extra\":1}")) {
            assertEquals(MAPPER.readTree("{\"allowed\":false,\"message\":\"Device limit reached (3 of 3).\",\"deviceCount\":3}"),
                    MAPPER.readTree(denied.body().string()));
        }
    }

    /** Callers from before other services were pooled send no service and get TorBox keys; others name theirs. */
    @Test
    void getKeyAsksThePoolForTheServiceNamedAndSaysWhichServiceTheKeyIsFor() throws IOException {
        String base = start(100);
        try (Response ok = post(base + GET_KEY, BEARER, "{\"userId\":\"u\",\"deviceId\":\"good\",\"service\":\"realdebrid\"}")) {
            assertEquals("realdebrid", MAPPER.readTree(ok.body().string()).get("service").asText());
        }
        try (Response unknown = post(base + GET_KEY, BEARER, "{\"userId\":\"u\",\"deviceId\":\"good\",\"service\":\"putio\"}")) {
            assertEquals(400, unknown.code());
            assertTrue(unknown.body().string().contains("service: must be one of torbox, realdebrid, alldebrid, premiumize, debridlink"));
        }
        ChillstreamsClient client = new ChillstreamsClient(base, ApiKey.of(BEARER), http, MAPPER);
        Grant.Allowed viaClient = (Grant.Allowed) client.getKey(new GetKeyRequest("u", "good", "stream-list", "", "debridlink"));
        assertEquals("debridlink", viaClient.service());
        assertEquals(List.of("realdebrid", "debridlink"), asked.stream().map(GetKeyRequest::service).toList(),
                "the remote client sent the service; the unknown one never reached the pool");
    }

    @Test
    void wrongOrMissingBearerIsA401WithoutDetail() throws IOException {
        String base = start(100);
        String expected = "{\"error\":{\"code\":\"unauthorized\",\"message\":\"unauthorized\"";
        for (String bearer : new String[] {null, "wrong", BEARER + "x", BEARER.substring(1)}) {
            for (String path : List.of(GET_KEY, LOG_USAGE)) {
                try (Response response = post(base + path, bearer, "{\"userId\":\"u\",\"deviceId\":\"good\"}")) {
                    assertEquals(401, response.code());
                    String body = response.body().string();
                    assertTrue(body.startsWith(expected), body);
                    assertFalse(body.contains(POOL_KEY));
                }
            }
        }
    }

    @Test
    void badBodiesAre400s() throws IOException {
        String base = start(100);
        for (String body : List.of("{not json", "[]", "{\"deviceId\":\"good\"}", "{\"userId\":\"u\",\"deviceId\":\"good\",\"action\":\"steal\"}",
                "{\"userId\":\"u\",\"deviceId\":\"good\",\"service\":\"putio\"}", "{\"userId\":\"u\",\"deviceId\":\"good\",\"service\":7}")) {
            try (Response response = post(base + GET_KEY, BEARER, body)) {
                assertEquals(400, response.code(), body);
                assertEquals("invalid_request", MAPPER.readTree(response.body().string()).path("error").path("code").asText());
            }
        }
        try (Response response = post(base + LOG_USAGE, BEARER, "{\"events\":[{\"userId\":\"u\",\"action\":\"stream-list\"}]}")) {
            assertEquals(400, response.code(), "a batch event needs its event id");
        }
        try (Response response = post(base + LOG_USAGE, BEARER,
                "{\"events\":[{\"eventId\":\"e\",\"userId\":\"u\",\"action\":\"stream-list\",\"at\":\"yesterday\"}]}")) {
            assertEquals(400, response.code());
        }
        assertTrue(logged.isEmpty());
    }

    @Test
    void logUsageAcceptsASingleEventAndABatch() throws IOException {
        String base = start(100);
        try (Response single = post(base + LOG_USAGE, BEARER,
                "{\"userId\":\"u\",\"poolKeyId\":\"key-1\",\"action\":\"stream-served\",\"hash\":\"abc\",\"cached\":true,\"bytes\":42}")) {
            assertEquals(200, single.code());
            assertEquals("{\"success\":true}", single.body().string());
        }
        try (Response batch = post(base + LOG_USAGE, BEARER, "{\"events\":["
                + "{\"eventId\":\"e1\",\"userId\":\"u\",\"poolKeyId\":\"key-1\",\"action\":\"stream-list\",\"hash\":\"\",\"cached\":false,\"bytes\":0,\"at\":\"2030-01-01T00:00:00Z\"},"
                + "{\"eventId\":\"e2\",\"userId\":\"u\",\"action\":\"denied\",\"at\":1893456000000}]}")) {
            assertEquals(200, batch.code());
        }
        assertEquals(3, logged.size());
        UsageEvent single = logged.get(0);
        assertEquals(List.of("u", "key-1", "stream-served", "abc", true, 42L),
                List.of(single.userId(), single.poolKeyId(), single.action(), single.hash(), single.cached(), single.bytes()));
        assertFalse(single.eventId().isBlank(), "a single event gets a generated id");
        assertEquals(List.of("e1", "e2"), List.of(logged.get(1).eventId(), logged.get(2).eventId()));
        assertEquals(logged.get(1).at(), logged.get(2).at());
    }

    /** The remote client and the routes share the wire records: what one writes, the other reads unchanged. */
    @Test
    void theRemoteClientTalksToTheseRoutesThroughTheSameRecords() {
        String base = start(100);
        ChillstreamsClient client = new ChillstreamsClient(base, ApiKey.of(BEARER), http, MAPPER);

        Grant granted = client.getKey(new GetKeyRequest("u", "good", "stream-list", ""));
        Grant.Allowed allowed = (Grant.Allowed) granted;
        assertEquals(List.of(POOL_KEY, "key-1", 1, "torbox"),
                List.of(allowed.poolKey().reveal(), allowed.poolKeyId(), allowed.deviceCount(), allowed.service()));
        assertEquals(new Grant.Denied(Refusal.DEVICE_LIMIT, "Device limit reached (3 of 3).", 3),
                client.getKey(new GetKeyRequest("u", "new", "stream-served", "abc")));

        UsageEvent event = new UsageEvent("e-9", "u", "key-1", "stream-served", "abc", true, 42,
                java.time.Instant.parse("2030-01-01T00:00:00.123Z"));
        client.logUsage(List.of(event));
        assertEquals(List.of(event), logged);
    }

    @Test
    void aBadFieldIsNamedAndUnknownFieldsAreIgnored() throws IOException {
        String base = start(100);
        try (Response response = post(base + GET_KEY, BEARER,
                "{\"userId\":\"u\",\"deviceId\":\"good\",\"action\":\"steal\"}")) {
            assertEquals(400, response.code());
            assertEquals("action: must be stream-list, stream-served or denied",
                    MAPPER.readTree(response.body().string()).path("error").path("message").asText());
        }
        try (Response response = post(base + GET_KEY, BEARER, "{\"userId\":\"u\"}")) {
            assertEquals("deviceId: required", MAPPER.readTree(response.body().string()).path("error").path("message").asText());
        }
        try (Response response = post(base + LOG_USAGE, BEARER, "{\"events\":5}")) {
            assertEquals(400, response.code());
            assertEquals("events: wrong type", MAPPER.readTree(response.body().string()).path("error").path("message").asText());
        }
        try (Response response = post(base + LOG_USAGE, BEARER,
                "{\"userId\":\"u\",\"action\":\"denied\",\"newField\":{\"a\":1}}")) {
            assertEquals(200, response.code());
        }
        assertEquals(1, logged.size());
    }

    @Test
    void aRunawayCallerIsRateLimitedUntilTokensRefill() throws IOException {
        String base = start(2);
        String body = "{\"userId\":\"u\",\"deviceId\":\"good\"}";
        for (int i = 0; i < 2; i++) {
            try (Response response = post(base + GET_KEY, BEARER, body)) {
                assertEquals(200, response.code());
            }
        }
        try (Response limited = post(base + GET_KEY, BEARER, body)) {
            assertEquals(429, limited.code());
            assertEquals("rate_limited", MAPPER.readTree(limited.body().string()).path("error").path("code").asText());
        }
        nanos.addAndGet(500_000_000L); // half a second refills one token at 2/s
        try (Response again = post(base + GET_KEY, BEARER, body)) {
            assertEquals(200, again.code());
        }
    }
}
