package dev.chillproxy.server.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The internal get-key answers a known device from memory, and an admin change still applies on the next call. */
class InternalGetKeyCacheTest {

    private static final String INTERNAL_KEY = "operator-internal-key-0123456789abcdef";

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKnownDeviceIsAnsweredWithoutADatabaseStatementUntilTheAdminDisablesTheUser(Engine engine) throws Exception {
        try (ServerFixture fixture = ServerFixture.withCatalogue(engine, Map.of("CHILLSTREAMS_API_KEY", INTERNAL_KEY))) {
            fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
            String user = fixture.addUser();
            assertEquals(true, getKey(fixture, user).get("allowed").asBoolean()); // a new device: the locked path
            AtomicInteger statements = new AtomicInteger(); // on the devices table: background key checks may run too
            fixture.database.jdbi().setSqlLogger(new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    if (context.getRawSql().toLowerCase(Locale.ROOT).contains("torbox_pool_devices")) {
                        statements.incrementAndGet();
                    }
                }
            });

            for (int i = 0; i < 20; i++) {
                assertEquals(true, getKey(fixture, user).get("allowed").asBoolean());
            }
            assertEquals(0, statements.get(), "twenty get-keys of a known device: no statement on the devices");

            fixture.admin("PATCH", "/users/" + user, "{\"status\":\"disabled\"}");
            JsonNode refused = getKey(fixture, user);

            assertEquals(false, refused.get("allowed").asBoolean(), refused.toString());
            assertEquals(true, refused.get("message").asText().contains("disabled"), refused.toString());
        }
    }

    private static JsonNode getKey(ServerFixture fixture, String user) throws IOException {
        String body = "{\"userId\":\"" + user + "\",\"deviceId\":\"tv\",\"action\":\"stream-list\"}";
        Request request = new Request.Builder().url(fixture.url("/api/v1/internal/pool/get-key"))
                .header("Authorization", "Bearer " + INTERNAL_KEY)
                .post(RequestBody.create(body, MediaType.get("application/json"))).build();
        try (Response response = fixture.client.newCall(request).execute()) {
            return ServerFixture.JSON.readTree(response.body().string());
        }
    }
}
