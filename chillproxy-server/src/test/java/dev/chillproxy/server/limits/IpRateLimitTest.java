package dev.chillproxy.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.server.RouteGroup;
import dev.chillproxy.server.admin.AdminPage;
import dev.chillproxy.server.stremio.ConfigureRoutes;
import dev.chillproxy.server.stremio.ManifestRoutes;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class IpRateLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // 2 a second: a burst of 4
    private static final Map<String, String> TWO_PER_SECOND = Map.of("RATE_LIMIT_IP_RPS", "2");
    private static final String API = "/api/v1/admin/things";

    private final AtomicInteger apiCalls = new AtomicInteger();

    private List<RouteGroup> routes(LimitedApp app) {
        RouteGroup test = routes -> {
            routes.get(API, ctx -> ctx.json(Map.of("calls", apiCalls.incrementAndGet())));
            routes.get("/api/v1/internal/pool/ping", ctx -> ctx.json(Map.of("ok", true)));
            routes.get("/stremio/torz/{cfg}/stream/{type}/{id}.json", ctx -> ctx.json(Map.of("streams", List.of())));
            routes.get("/stremio/torz/{cfg}/_/strem/{id}/{store}/{hash}/{fileIdx}/{name}", ctx -> ctx.redirect("/x"));
        };
        return List.of(test, new AdminPage()::register, new ManifestRoutes("1.2.3", app.settings.trustedProxies()),
                new ConfigureRoutes(app.settings.baseUrl()));
    }

    private LimitedApp start(Map<String, String> variables) {
        return new LimitedApp(variables, this::routes);
    }

    private static void exhaust(LimitedApp app, String... headers) throws IOException {
        for (int i = 0; i < 4; i++) {
            assertEquals(200, app.status(API, headers), "request " + (i + 1) + " of the burst");
        }
    }

    @Test
    void overTheLimitAnApiAnswers429JsonWithRetryAfterAndTheRouteDoesNotRun() throws IOException {
        try (LimitedApp app = start(TWO_PER_SECOND)) {
            exhaust(app);
            try (Response response = app.get(API, "Request-ID", "trace-42")) {
                assertEquals(429, response.code());
                assertEquals("1", response.header("Retry-After"), "0.5 s rounds up to whole seconds");
                assertEquals("trace-42", response.header("Request-ID"));
                JsonNode error = JSON.readTree(response.body().string()).path("error");
                assertEquals("rate_limited", error.path("code").asText());
                assertTrue(error.path("message").asText().contains("retry in 1 s"), error.toString());
                assertEquals("trace-42", error.path("requestId").asText());
            }
            assertEquals(4, apiCalls.get());
            app.ticker.advance(Duration.ofMillis(500));
            assertEquals(200, app.status(API), "one token back after Retry-After");
            assertEquals(429, app.status(API));
        }
    }

    @Test
    void theAdminPageAndTheStremioPagesShareTheAddressBucket() throws IOException {
        try (LimitedApp app = start(TWO_PER_SECOND)) {
            assertEquals(200, app.status("/admin"));
            assertEquals(200, app.status("/stremio/torz/manifest.json"));
            assertEquals(200, app.status("/stremio/torz/configure"));
            assertEquals(200, app.status(API));
            assertEquals(429, app.status("/admin"));
            assertEquals(429, app.status("/admin/app.js"));
            assertEquals(404, app.status("/api/v1/no-such-route"), "an unmatched path costs nothing and is not counted");
            try (Response response = app.get("/stremio/torz/manifest.json", "Origin", "https://web.stremio.com")) {
                assertEquals(429, response.code());
                assertEquals("*", response.header("Access-Control-Allow-Origin"), "a web client can read the 429");
                assertNotNull(response.header("Retry-After"));
            }
            assertEquals(429, app.status("/stremio/torz/configure"));
            try (Response preflight = app.call("OPTIONS", "/stremio/torz/manifest.json", "Origin",
                    "https://web.stremio.com", "Access-Control-Request-Method", "GET")) {
                assertEquals(200, preflight.code(), "preflights are not counted nor refused");
            }
        }
    }

    @Test
    void streamListsPlaybackTheInternalApiAndHealthAreNotLimitedByTheFilter() throws IOException {
        try (LimitedApp app = start(TWO_PER_SECOND)) {
            exhaust(app);
            assertEquals(429, app.status(API));
            for (int i = 0; i < 10; i++) {
                assertEquals(200, app.status("/stremio/torz/eyJ9/stream/movie/tt0111161.json"));
                assertEquals(302, app.status("/stremio/torz/eyJ9/_/strem/tt0111161/tb/abcd/0/file.mkv"));
                assertEquals(200, app.status("/api/v1/internal/pool/ping"));
                assertEquals(200, app.status("/health"));
            }
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBucket() throws IOException {
        try (LimitedApp app = start(Map.of("RATE_LIMIT_IP_RPS", "2", "TRUSTED_PROXIES", "127.0.0.1"))) {
            exhaust(app, "X-Forwarded-For", "198.51.100.1");
            assertEquals(429, app.status(API, "X-Forwarded-For", "198.51.100.1"));
            assertEquals(429, app.status(API, "X-Forwarded-For", "192.0.2.9, 198.51.100.1"),
                    "a client-written entry left of the real one changes nothing");
            assertEquals(200, app.status(API, "X-Forwarded-For", "198.51.100.2"));
            assertEquals(200, app.status(API), "the proxy's own requests");
        }
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerDoesNotDodgeTheLimit() throws IOException {
        try (LimitedApp app = start(TWO_PER_SECOND)) {
            for (int i = 0; i < 4; i++) {
                assertEquals(200, app.status(API, "X-Forwarded-For", "198.51.100." + i));
            }
            for (int i = 4; i < 20; i++) {
                assertEquals(429, app.status(API, "X-Forwarded-For", "198.51.100." + i));
            }
            assertEquals(4, apiCalls.get());
        }
    }
}
