package dev.chillproxy.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.server.RouteTable;
import dev.chillproxy.server.admin.AdminPage;
import dev.chillproxy.server.stremio.ConfigureRoutes;
import dev.chillproxy.server.stremio.ManifestRoutes;
import dev.chillproxy.server.web.HealthRoutes;
import io.javalin.config.RoutesConfig;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The per-IP limit as the route table applies it to pages and APIs. */
class IpLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // 2 a second: a burst of 4
    private static final Map<String, String> TWO_PER_SECOND = Map.of("RATE_LIMIT_IP_RPS", "2");
    private static final String API = "/api/v1/admin/things";

    private final AtomicInteger apiCalls = new AtomicInteger();

    private Consumer<RoutesConfig> routes(LimitedApp app) {
        return routes -> {
            routes.get(API, app.ip.limit(ctx -> ctx.json(Map.of("calls", apiCalls.incrementAndGet()))));
            RouteTable.adminPage(routes, new AdminPage(), app.ip);
            RouteTable.stremioPages(routes, new ManifestRoutes("1.2.3", app.settings.http().trustedProxies(), false),
                    new ConfigureRoutes(app.settings.http().baseUrl()), app.ip);
            RouteTable.health(routes, new HealthRoutes(app.database()));
        };
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
            app.clock.advance(Duration.ofMillis(500));
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
    void healthIsNotLimited() throws IOException {
        try (LimitedApp app = start(TWO_PER_SECOND)) {
            exhaust(app);
            assertEquals(429, app.status(API));
            for (int i = 0; i < 10; i++) {
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
