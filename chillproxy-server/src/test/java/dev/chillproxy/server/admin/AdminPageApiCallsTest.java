package dev.chillproxy.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.server.web.ErrorResponses;
import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.limits.IpLimit;
import dev.chillproxy.server.RouteTable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.cluster.InstanceRegistry;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.ProbeResult;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.server.pool.AdminRoutes;

/**
 * The admin API calls the page makes in forms AdminRoutesTest does not: a key the store refuses, the user list
 * without a query, and the chart loader's paging by key with JavaScript's {@code toISOString()} times.
 */
class AdminPageApiCallsTest {

    private static final String ADMIN = "admin-key-for-page-calls-0123456789abcdef";
    private static final String GOOD = "11111111-2222-4333-8444-555555555555";
    private static final Instant NOW = Instant.parse("2030-01-02T00:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient();

    private record Answer(int code, JsonNode body) {
    }

    private Answer call(String base, String method, String path, String body) throws IOException {
        Request request = new Request.Builder().url(base + path).header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            return new Answer(response.code(), text.isEmpty() ? null : MAPPER.readTree(text));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void callsThePageMakesAnswerAsItExpects(Engine engine) throws IOException {
        try (TestDatabase db = TestDatabase.create(engine)) {
            db.database().migrate("pool");
            PoolKeyCipher cipher = PoolKeyCipher.of(PoolKeyCipher.generateKey());
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            PoolAdmin admin = new PoolAdmin(db.database(), cipher, clock,
                    (service, key) -> key.reveal().equals(GOOD) ? new ProbeResult.Ok() : new ProbeResult.Unauthorized());
            EmbeddedPool pool = new EmbeddedPool(db.database(), cipher, clock);
            AdminRoutes routes = new AdminRoutes(admin, MAPPER, new InstanceRegistry(db.database(), clock, "test", () -> false), () -> { });
            Javalin app = Javalin.create(config -> {
                RouteTable.adminApi(config.routes, routes, new BearerGuard(ApiKey.of(ADMIN), "ADMIN_API_KEY"), IpLimit.none());
                new ErrorResponses().register(config.routes);
            }).start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();

                Answer refused = call(base, "POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"bad-key-0123456789\",\"label\":\"x\",\"service\":\"torbox\",\"maxUsers\":100}");
                assertEquals(400, refused.code());
                assertEquals("invalid_request", refused.body().at("/error/code").asText());
                assertTrue(refused.body().at("/error/message").asText().contains("refused"), refused.body().toString());
                assertFalse(refused.body().toString().contains("bad-key-0123456789"), "the refused key is not echoed");
                assertEquals(0, call(base, "GET", "/api/v1/admin/pool-keys", null).body().get("items").size());
                String keyId = call(base, "POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"" + GOOD + "\",\"service\":\"torbox\",\"maxUsers\":100}")
                        .body().get("id").asText();

                String first = call(base, "POST", "/api/v1/admin/users", "{\"email\":\"a@example.com\"}").body().get("id").asText();
                String second = call(base, "POST", "/api/v1/admin/users", "{}").body().get("id").asText();
                JsonNode all = call(base, "GET", "/api/v1/admin/users?limit=50", null).body().get("items");
                assertEquals(2, all.size(), "no query lists the newest users");
                assertEquals(1, call(base, "GET", "/api/v1/admin/users?q=" + second.substring(0, 8) + "&limit=50", null).body().get("items").size());

                List<UsageEvent> events = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    events.add(new UsageEvent("k" + i, i % 2 == 0 ? first : second, keyId, "stream-served", "", i < 3, 10, NOW.minusSeconds(60L * (i + 1))));
                }
                events.add(new UsageEvent("other", first, "another-key", "stream-list", "", false, 0, NOW.minusSeconds(30)));
                events.add(new UsageEvent("old", first, keyId, "stream-list", "", false, 0, NOW.minusSeconds(90_000)));
                pool.logUsage(events);

                // the chart loader: since = (now - 24 h).toISOString() with milliseconds, paged by the returned cursor
                String since = "2030-01-01T00:00:00.000Z";
                List<String> seen = new ArrayList<>();
                String cursor = null;
                do {
                    JsonNode page = call(base, "GET", "/api/v1/admin/usage?poolKeyId=" + keyId + "&since=" + since + "&limit=3"
                            + (cursor == null ? "" : "&cursor=" + cursor), null).body();
                    page.get("items").forEach(item -> seen.add(item.get("eventId").asText()));
                    cursor = page.get("next").isNull() ? null : page.get("next").asText();
                } while (cursor != null);
                assertEquals(List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6"), seen, "only this key, only the period, newest first");

                JsonNode stats = call(base, "GET", "/api/v1/admin/stats?from=" + since + "&to=2030-01-02T00:00:00.000Z", null).body();
                JsonNode key = null;
                for (JsonNode row : stats.get("keys")) {
                    key = row.get("poolKeyId").asText().equals(keyId) ? row : key;
                }
                assertEquals(7, key.get("requests").asInt());
                assertEquals(3.0 / 7, key.get("cachedRatio").asDouble(), 1e-9);
                assertEquals(2, stats.get("users").size());
            } finally {
                app.stop();
            }
        }
    }
}
