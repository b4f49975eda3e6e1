package dev.chillproxy.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class StremioRateLimitTest {

    private static final String ALICE = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String BOB = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    /** Stand-ins for the torz handlers: a stream list (info stream when limited) and playback (error video). */
    private static Consumer<RoutesConfig> torz(LimitedApp app) {
        StremioRateLimit limit = new StremioRateLimit(app.limits, app.clientIp);
        return routes -> {
            routes.get("/stremio/torz/{user}/stream/{type}/{id}.json", ctx -> {
                Optional<Duration> wait = limit.check(ctx, user(ctx));
                ctx.json(Map.of("streams", List.of(Map.of("name", wait.isPresent() ? "rate limited" : "a stream"))));
            });
            routes.get("/stremio/torz/{user}/_/strem/{id}", ctx ->
                    ctx.redirect(limit.check(ctx, user(ctx)).isPresent() ? "/static/429.mp4" : "https://cdn.example/f"));
        };
    }

    private static String user(Context ctx) {
        String user = ctx.pathParam("user");
        return user.equals("p2p") ? null : user;
    }

    private static String streams(LimitedApp app, String user) throws IOException {
        try (Response response = app.get("/stremio/torz/" + user + "/stream/movie/tt0111161.json")) {
            assertEquals(200, response.code(), "Stremio always gets a 200 stream list");
            String body = response.body().string();
            assertEquals(body.contains("rate limited"), response.header("Retry-After") != null, body);
            return body;
        }
    }

    @Test
    void aUserOverTheLimitGetsAnInfoStreamWithRetryAfterWhileOthersGoOn() throws IOException {
        try (LimitedApp app = new LimitedApp(Map.of("RATE_LIMIT_USER_RPS", "1"), StremioRateLimitTest::torz)) {
            assertTrue(streams(app, ALICE).contains("a stream"));
            assertTrue(streams(app, ALICE).contains("a stream"), "burst 2 x 1");
            try (Response response = app.get("/stremio/torz/" + ALICE + "/stream/movie/tt0111161.json")) {
                assertEquals(200, response.code());
                assertEquals("1", response.header("Retry-After"));
                assertTrue(response.body().string().contains("rate limited"));
            }
            assertTrue(streams(app, BOB).contains("a stream"), "another user on the same address");
            app.clock.advance(Duration.ofSeconds(1));
            assertTrue(streams(app, ALICE).contains("a stream"));
        }
    }

    @Test
    void playbackOverTheLimitRedirectsToTheErrorVideo() throws IOException {
        try (LimitedApp app = new LimitedApp(Map.of("RATE_LIMIT_USER_RPS", "1"), StremioRateLimitTest::torz)) {
            String path = "/stremio/torz/" + ALICE + "/_/strem/tt0111161";
            for (int i = 0; i < 2; i++) {
                try (Response response = app.get(path)) {
                    assertEquals("https://cdn.example/f", response.header("Location"));
                    assertNull(response.header("Retry-After"));
                }
            }
            try (Response response = app.get(path)) {
                assertEquals(302, response.code());
                assertEquals("/static/429.mp4", response.header("Location"));
                assertEquals("1", response.header("Retry-After"));
            }
        }
    }

    @Test
    void theAddressLimitComesFirstAndCoversConfigsWithoutAUser() throws IOException {
        try (LimitedApp app = new LimitedApp(Map.of("RATE_LIMIT_IP_RPS", "2", "RATE_LIMIT_USER_RPS", "100"),
                StremioRateLimitTest::torz)) {
            assertTrue(streams(app, "p2p").contains("a stream"));
            assertTrue(streams(app, ALICE).contains("a stream"));
            assertTrue(streams(app, BOB).contains("a stream"));
            assertTrue(streams(app, "p2p").contains("a stream"));
            assertTrue(streams(app, "p2p").contains("rate limited"), "burst 2 x 2 spent by everyone behind the address");
            assertTrue(streams(app, ALICE).contains("rate limited"));
        }
    }
}
