package dev.chillproxy.server.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import dev.chillproxy.server.web.ErrorResponses;
import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.RouteTable;
import dev.chillproxy.server.limits.RateLimit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.embedded.PoolChanges;
import dev.chillproxy.chillstreams.grant.GrantCache;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.core.secret.ApiKey;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevokeRoutesTest {

    private static final String INTERNAL_KEY = "internal-0123456789abcdef0123456789abcdef";
    private static final GetKeyRequest ALICE = new GetKeyRequest("alice", "tv", "stream-list", "");
    private static final GetKeyRequest BOB = new GetKeyRequest("bob", "tv", "stream-list", "");

    private final ObjectMapper mapper = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient();
    private final CountingPool pool = new CountingPool();
    private final GrantCache cache = new GrantCache(pool, (keyId, problem) -> { }, Duration.ofMinutes(5));
    private Javalin app;

    @BeforeEach
    void start() {
        RevokeRoutes routes = new RevokeRoutes(new PoolChanges() {
            @Override
            public void userChanged(String userId) {
                cache.evictUser(userId);
            }

            @Override
            public void keyRetired(String poolKeyId) {
                cache.evictKey(poolKeyId);
            }
        }, mapper);
        app = Javalin.create(config -> {
            RouteTable.internalApi(config.routes, Optional.empty(), Optional.of(routes),
                    new BearerGuard(ApiKey.of(INTERNAL_KEY), "CHILLSTREAMS_API_KEY"), new RateLimit(100, System::nanoTime));
            new ErrorResponses().register(config.routes);
        }).start(0);
        cache.getKey(ALICE);
        cache.getKey(BOB);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private Response post(String authorization, String body) throws IOException {
        Request.Builder request = new Request.Builder()
                .url("http://127.0.0.1:" + app.port() + "/api/v1/internal/revoke")
                .post(RequestBody.create(body, MediaType.get("application/json")));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.newCall(request.build()).execute();
    }

    @Test
    void revokedUserIsAskedAgainOthersAreNot() throws IOException {
        try (Response response = post("Bearer " + INTERNAL_KEY, "{\"userId\":\"alice\"}")) {
            assertEquals(204, response.code());
        }

        cache.getKey(ALICE);
        cache.getKey(BOB);
        assertEquals(List.of("alice", "bob", "alice"), pool.asked);
    }

    @Test
    void anUpperCaseUuidEvictsTheGrantsOfThatUser() throws IOException {
        String user = "0b7f9a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b"; // as the addon config keeps it: lower case
        GetKeyRequest request = new GetKeyRequest(user, "tv", "stream-list", "");
        cache.getKey(request);
        try (Response response = post("Bearer " + INTERNAL_KEY, "{\"userId\":\"" + user.toUpperCase() + "\"}")) {
            assertEquals(204, response.code());
        }

        cache.getKey(request);
        assertEquals(List.of("alice", "bob", user, user), pool.asked, "asked the pool again after the revocation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer wrong", "Basic " + INTERNAL_KEY, "Bearer " + INTERNAL_KEY + "x"})
    void wrongOrMissingBearerIs401WithoutDetail(String authorization) throws IOException {
        try (Response response = post(authorization.isEmpty() ? null : authorization, "{\"userId\":\"alice\"}")) {
            assertEquals(401, response.code());
            String body = response.body().string();
            assertTrue(body.startsWith("{\"error\":{\"code\":\"unauthorized\",\"message\":\"unauthorized\""), body);
            assertEquals("Bearer realm=\"CHILLSTREAMS_API_KEY\"", response.header("WWW-Authenticate"));
            assertFalse(body.contains(INTERNAL_KEY));
        }
        cache.getKey(ALICE);
        assertEquals(List.of("alice", "bob"), pool.asked, "nothing was evicted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"userId\":\"\"}", "{\"userId\":\"  \"}", "{\"userId\":42}",
        "{\"userId\":null}", "{\"user\":\"alice\"}"})
    void badBodyIs400Json(String body) throws IOException {
        try (Response response = post("Bearer " + INTERNAL_KEY, body)) {
            assertEquals(400, response.code());
            assertEquals("application/json", response.header("Content-Type").split(";")[0]);
            JsonNode error = mapper.readTree(response.body().string()).get("error");
            assertEquals("invalid_request", error.get("code").asText());
            String message = error.get("message").asText();
            assertTrue(message.startsWith("userId") || message.startsWith("body"), "names the field: " + message);
        }
    }

    @Test
    void revokingAnUnknownUserIsFine() throws IOException {
        try (Response response = post("bearer " + INTERNAL_KEY, "{\"userId\":\"nobody\",\"reason\":\"x\"}")) {
            assertEquals(204, response.code());
        }
        assertInstanceOf(Grant.Allowed.class, cache.getKey(ALICE));
        assertEquals(List.of("alice", "bob"), pool.asked);
    }

    private static final class CountingPool implements KeySource {
        final List<String> asked = new ArrayList<>();

        @Override
        public synchronized Grant getKey(GetKeyRequest request) {
            asked.add(request.userId());
            return new Grant.Allowed(ApiKey.of("pool-key-0123456789"), "k1", 1);
        }
    }
}
