package dev.chillproxy.server.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.Map;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The internal pool API answers plaintext keys: in embedded mode it exists only when the operator set its key. */
@Tag("security")
class InternalApiExposureTest {

    private static final String INTERNAL_KEY = "operator-internal-key-0123456789abcdef";

    @Test
    void withoutAnOperatorKeyTheInternalRoutesAreNotServed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(Engine.SQLITE, Map.of())) {
            String user = fixture.addUser();
            assertEquals(404, post(fixture, "/api/v1/internal/pool/get-key", getKey(user), "Bearer anything"));
            assertEquals(404, post(fixture, "/api/v1/internal/pool/log-usage", "{}", "Bearer anything"));
            assertEquals(404, post(fixture, "/api/v1/internal/revoke", "{\"userId\":\"" + user + "\"}", "Bearer anything"));
            assertFalse(fixture.settings.pool().chillstreamsApiKey().isPresent());
        }
    }

    @Test
    void withAnOperatorKeyTheyAreServedBehindIt() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(Engine.SQLITE, Map.of("CHILLSTREAMS_API_KEY", INTERNAL_KEY))) {
            String user = fixture.addUser();
            assertEquals(401, post(fixture, "/api/v1/internal/pool/get-key", getKey(user), "Bearer wrong"));
            assertEquals(200, post(fixture, "/api/v1/internal/pool/get-key", getKey(user), "Bearer " + INTERNAL_KEY));
            assertEquals(204, post(fixture, "/api/v1/internal/revoke", "{\"userId\":\"" + user + "\"}", "Bearer " + INTERNAL_KEY));
        }
    }

    private static String getKey(String user) {
        return "{\"userId\":\"" + user + "\",\"deviceId\":\"d\",\"action\":\"stream-list\"}";
    }

    private static int post(ServerFixture fixture, String path, String body, String authorization) throws IOException {
        Request request = new Request.Builder().url(fixture.url(path)).header("Authorization", authorization)
                .post(RequestBody.create(body, MediaType.get("application/json"))).build();
        try (Response response = fixture.client.newCall(request).execute()) {
            return response.code();
        }
    }
}
