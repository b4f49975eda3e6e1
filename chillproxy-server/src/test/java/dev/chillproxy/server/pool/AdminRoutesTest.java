package dev.chillproxy.server.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.secret.ApiKey;

class AdminRoutesTest {

    private static final String ADMIN = "admin-bearer-key-0123456789abcdefgh";
    private static final String TORBOX_KEY = "tbk-0123456789abcdef0123456789a1b2";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http = new OkHttpClient();
    private String base;

    private record Answer(int code, JsonNode body, String raw) {
    }

    private Answer call(String method, String path, String body, String bearer) throws IOException {
        Request.Builder request = new Request.Builder().url(base + path)
                .method(method, body == null ? null : RequestBody.create(body, JSON));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            String raw = response.body().string();
            return new Answer(response.code(), raw.isEmpty() ? null : MAPPER.readTree(raw), raw);
        }
    }

    private Answer call(String method, String path, String body) throws IOException {
        return call(method, path, body, ADMIN);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theWholeAdminApiAnswersInTheDesignedShapes(Engine engine) throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (TestDatabase db = TestDatabase.create(engine)) {
            db.database().migrate("pool");
            PoolKeyCipher cipher = PoolKeyCipher.of(PoolKeyCipher.generateKey());
            PoolAdmin admin = new PoolAdmin(db.database(), cipher, clock, null);
            EmbeddedPool pool = new EmbeddedPool(db.database(), cipher, clock);
            AdminRoutes routes = new AdminRoutes(admin, MAPPER, new InstanceRegistry(db.database(), clock, "test", () -> false), () -> { });
            // Jetty's header cache matches values case-insensitively on a kept-alive connection unless told
            // otherwise: without this, "Bearer ADMIN-…" after a good "Bearer admin-…" would be read as the latter
            Javalin app = Javalin.create(config -> {
                config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
                RouteTable.adminApi(config.routes, routes, new BearerGuard(ApiKey.of(ADMIN), "ADMIN_API_KEY"), IpLimit.none());
                new ErrorResponses().register(config.routes);
            }).start(0);
            base = "http://127.0.0.1:" + app.port();
            List<String> everything = new ArrayList<>();
            try {
                // pool keys
                Answer created = call("POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"" + TORBOX_KEY + "\",\"label\":\"main\",\"maxUsers\":5}");
                everything.add(created.raw());
                assertEquals(201, created.code());
                String keyId = created.body().get("id").asText();
                assertEquals("tb_…a1b2", created.body().get("maskedKey").asText());
                assertEquals(List.of("main", "torbox", "healthy", "5", "0"), List.of(created.body().get("label").asText(),
                        created.body().get("service").asText(), created.body().get("status").asText(),
                        created.body().get("maxUsers").asText(), created.body().get("assignedUsers").asText()));
                assertEquals(409, call("POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"" + TORBOX_KEY + "\"}").code());
                assertError(call("POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"other-key-0123456789\",\"maxUsers\":0}"), 400, "invalid_request");
                assertError(call("POST", "/api/v1/admin/pool-keys", "{\"label\":\"no key\"}"), 400, "invalid_request");
                assertError(call("POST", "/api/v1/admin/pool-keys", "{broken"), 400, "invalid_request");

                // users
                Answer user = call("POST", "/api/v1/admin/users", "{\"id\":\"8f14e45f-ceea-467f-a0e6-2b6a0c1d3e01\",\"email\":\"Ann@Example.com\"}");
                assertEquals(201, user.code());
                assertEquals("ann@example.com", user.body().get("email").asText());
                assertEquals("active", user.body().get("status").asText());
                assertEquals("2030-01-01T00:00:00Z", user.body().get("createdAt").asText());
                String userId = user.body().get("id").asText();
                assertError(call("POST", "/api/v1/admin/users", "{\"id\":\"" + userId + "\"}"), 409, "conflict");
                assertError(call("POST", "/api/v1/admin/users", "{\"email\":\"ann@example.com\"}"), 409, "conflict");
                assertError(call("POST", "/api/v1/admin/users", "{\"id\":\"not-a-uuid\"}"), 400, "invalid_request");
                assertEquals(201, call("POST", "/api/v1/admin/users", "{}").code());
                assertEquals(1, call("GET", "/api/v1/admin/users?q=ann", null).body().get("items").size());

                Answer fresh = call("GET", "/api/v1/admin/users/" + userId, null);
                assertTrue(fresh.body().get("assignment").isNull());
                assertEquals(0, fresh.body().get("devices").size());
                assertInstanceOf(Grant.Allowed.class, pool.getKey(new GetKeyRequest(userId, "dev-a", "stream-list", "")));
                Answer details = call("GET", "/api/v1/admin/users/" + userId, null);
                everything.add(details.raw());
                assertEquals(keyId, details.body().get("assignment").get("poolKeyId").asText());
                JsonNode device = details.body().get("devices").get(0);
                assertEquals(List.of("dev-a", "2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z", "1"), List.of(device.get("deviceId").asText(),
                        device.get("firstSeen").asText(), device.get("lastSeen").asText(), device.get("requestCount").asText()));
                assertError(call("GET", "/api/v1/admin/users/8f14e45f-0000-0000-0000-000000000000", null), 404, "not_found");

                Answer disabled = call("PATCH", "/api/v1/admin/users/" + userId, "{\"status\":\"disabled\"}");
                assertEquals(200, disabled.code());
                assertEquals("disabled", disabled.body().get("status").asText());
                assertInstanceOf(Grant.Denied.class, pool.getKey(new GetKeyRequest(userId, "dev-a", "stream-list", "")));
                assertError(call("PATCH", "/api/v1/admin/users/" + userId, "{\"status\":\"banned\"}"), 400, "invalid_request");
                assertEquals(200, call("PATCH", "/api/v1/admin/users/" + userId, "{\"status\":\"active\"}").code());

                assertEquals(204, call("DELETE", "/api/v1/admin/users/" + userId + "/devices/dev-a", null).code());
                assertError(call("DELETE", "/api/v1/admin/users/" + userId + "/devices/dev-a", null), 404, "not_found");

                // listing and retiring keys
                Answer list = call("GET", "/api/v1/admin/pool-keys", null);
                everything.add(list.raw());
                assertEquals(1, list.body().get("items").get(0).get("assignedUsers").asInt());
                assertEquals(204, call("DELETE", "/api/v1/admin/pool-keys/" + keyId, null).code());
                assertEquals("retired", call("GET", "/api/v1/admin/pool-keys", null).body().get("items").get(0).get("status").asText());
                assertError(call("DELETE", "/api/v1/admin/pool-keys/unknown", null), 404, "not_found");
                everything.add(call("GET", "/api/v1/admin/pool-keys/" + keyId + "/health", null).raw());

                // usage paging and stats
                List<UsageEvent> events = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    events.add(new UsageEvent("e" + i, userId, keyId, i % 2 == 0 ? "stream-served" : "stream-list", "h" + i,
                            i < 2, 100, Instant.parse("2030-01-01T00:00:00Z").plusSeconds(i)));
                }
                pool.logUsage(events);
                Answer page1 = call("GET", "/api/v1/admin/usage?userId=" + userId + "&limit=2", null);
                assertEquals(List.of("e4", "e3"), ids(page1.body()));
                Answer page2 = call("GET", "/api/v1/admin/usage?userId=" + userId + "&limit=2&cursor=" + page1.body().get("next").asText(), null);
                assertEquals(List.of("e2", "e1"), ids(page2.body()));
                Answer page3 = call("GET", "/api/v1/admin/usage?userId=" + userId + "&limit=2&cursor=" + page2.body().get("next").asText(), null);
                assertEquals(List.of("e0"), ids(page3.body()));
                assertTrue(page3.body().get("next").isNull());
                JsonNode first = page3.body().get("items").get(0);
                assertEquals(List.of(userId, keyId, "stream-served", "h0", "true", "100", "2030-01-01T00:00:00Z"),
                        List.of(first.get("userId").asText(), first.get("poolKeyId").asText(), first.get("action").asText(),
                                first.get("hash").asText(), first.get("cached").asText(), first.get("bytes").asText(), first.get("at").asText()));
                assertEquals(List.of("e4", "e2", "e0"), ids(call("GET", "/api/v1/admin/usage?action=stream-served&since=2030-01-01T00:00:00Z", null).body()));
                assertError(call("GET", "/api/v1/admin/usage?limit=501", null), 400, "invalid_request");
                assertError(call("GET", "/api/v1/admin/usage?cursor=bm90LWEtY3Vyc29y", null), 400, "invalid_request");

                Answer stats = call("GET", "/api/v1/admin/stats?from=2030-01-01T00:00:00Z&to=2030-01-01T00:00:03Z", null);
                JsonNode keyStats = stats.body().get("keys").get(0);
                assertEquals(List.of(keyId, "3", "0.6666666666666666", "300"), List.of(keyStats.get("poolKeyId").asText(),
                        keyStats.get("requests").asText(), keyStats.get("cachedRatio").asText(), keyStats.get("bytes").asText()));
                assertEquals(userId, stats.body().get("users").get(0).get("userId").asText());
                assertError(call("GET", "/api/v1/admin/stats?from=tomorrow", null), 400, "invalid_request");

                // the bearer
                for (String bearer : new String[] {null, "nope", ADMIN.toUpperCase()}) {
                    Answer refused = call("GET", "/api/v1/admin/pool-keys", null, bearer);
                    assertEquals(401, refused.code(), bearer + " " + refused.raw());
                    assertTrue(refused.raw().startsWith("{\"error\":{\"code\":\"unauthorized\",\"message\":\"unauthorized\""),
                            refused.raw());
                }
                for (String raw : everything) {
                    assertFalse(raw.contains(TORBOX_KEY), "a pool key appeared in an admin answer");
                }
            } finally {
                app.stop();
            }
        }
    }

    /** Keys per service with each service's capacity, scheduled retirement and the rotation plan. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void keysAreManagedPerServiceAndRotationIsPlannedThroughTheApi(Engine engine) throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (TestDatabase db = TestDatabase.create(engine)) {
            db.database().migrate("pool");
            PoolKeyCipher cipher = PoolKeyCipher.of(PoolKeyCipher.generateKey());
            List<String> probed = new ArrayList<>();
            PoolAdmin admin = new PoolAdmin(db.database(), cipher, clock, (service, key) -> {
                probed.add(service.id());
                return new dev.chillproxy.chillstreams.embedded.ProbeResult.Ok();
            });
            EmbeddedPool pool = new EmbeddedPool(db.database(), cipher, clock);
            Javalin app = Javalin.create(config -> {
                RouteTable.adminApi(config.routes, new AdminRoutes(admin, MAPPER,
                        new InstanceRegistry(db.database(), clock, "test", () -> false), () -> { }), new BearerGuard(ApiKey.of(ADMIN), "ADMIN_API_KEY"),
                        IpLimit.none());
                new ErrorResponses().register(config.routes);
            }).start(0);
            base = "http://127.0.0.1:" + app.port();
            try {
                String old = call("POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"" + TORBOX_KEY + "\",\"maxUsers\":5}")
                        .body().get("id").asText();
                Answer rd = call("POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"RDKEY-0123456789abcdef\",\"service\":\"realdebrid\","
                        + "\"maxUsers\":3,\"retireAt\":\"2030-02-01T00:00:00Z\"}");
                assertEquals(List.of("realdebrid", "2030-02-01T00:00:00Z"),
                        List.of(rd.body().get("service").asText(), rd.body().get("retireAt").asText()));
                assertEquals(List.of("torbox", "realdebrid"), probed, "each key was checked with its own service");
                assertError(call("POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"x-0123456789abcdef\",\"service\":\"putio\"}"), 400,
                        "invalid_request");
                assertError(call("POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"x-0123456789abcdef\",\"retireAt\":\"soon\"}"), 400,
                        "invalid_request");
                assertError(call("GET", "/api/v1/admin/pool-keys?service=putio", null), 400, "invalid_request");

                String user = admin.createUser(null, null).id();
                pool.getKey(new GetKeyRequest(user, "tv", "stream-list", ""));
                JsonNode torbox = call("GET", "/api/v1/admin/pool-keys?service=torbox", null).body();
                assertEquals(1, torbox.get("items").size());
                JsonNode capacity = torbox.get("services").get(0);
                assertEquals(List.of("torbox", "1", "5", "1", "4"), List.of(capacity.get("service").asText(),
                        capacity.get("keys").asText(), capacity.get("capacity").asText(), capacity.get("assignedUsers").asText(),
                        capacity.get("freePlaces").asText()));
                assertEquals(5, call("GET", "/api/v1/admin/pool-keys", null).body().get("services").size());

                assertError(call("PATCH", "/api/v1/admin/pool-keys/" + old, "{\"retireAt\":\"2029-12-31T00:00:00Z\"}"), 400,
                        "invalid_request");
                Answer scheduled = call("PATCH", "/api/v1/admin/pool-keys/" + old, "{\"retireAt\":\"2030-01-15T00:00:00Z\",\"label\":\"old\"}");
                assertEquals(List.of("2030-01-15T00:00:00Z", "old"), List.of(scheduled.body().get("retireAt").asText(),
                        scheduled.body().get("label").asText()));
                JsonNode plan = call("GET", "/api/v1/admin/rotation", null).body().get("items");
                assertEquals(List.of(old, "1", "false"), List.of(plan.get(0).get("id").asText(), plan.get(0).get("usersOnKey").asText(),
                        plan.get(0).get("successorReady").asText()), "no healthy torbox successor yet");
                String successor = call("POST", "/api/v1/admin/pool-keys", "{\"apiKey\":\"tbk-successor-0123456789abcdef\"}")
                        .body().get("id").asText();
                plan = call("GET", "/api/v1/admin/rotation", null).body().get("items");
                assertEquals(List.of("true", successor), List.of(plan.get(0).get("successorReady").asText(),
                        plan.get(0).get("successorIds").get(0).asText()));
                assertEquals(2, plan.size(), "the Real-Debrid key is retiring too");
                assertTrue(call("PATCH", "/api/v1/admin/pool-keys/" + old, "{\"retireAt\":null}").body().get("retireAt").isNull());
                assertError(call("PATCH", "/api/v1/admin/pool-keys/unknown", "{\"label\":\"x\"}"), 404, "not_found");
            } finally {
                app.stop();
            }
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("eventId").asText()));
        return ids;
    }

    private static void assertError(Answer answer, int status, String code) {
        assertEquals(status, answer.code(), answer.raw());
        assertEquals(code, answer.body().path("error").path("code").asText(), answer.raw());
        assertFalse(answer.body().path("error").path("message").asText().isBlank());
    }
}
