package dev.chillproxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.store.StoreName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), routes -> routes.get("/boom", ctx -> {
            throw new IllegalStateException("secret detail at dev.chillproxy.Internal");
        }));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode json(Response response) throws IOException {
        return JSON.readTree(response.body().string());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void healthIsOkOnEveryEngineAfterMigrations(Engine engine) throws IOException {
        try (TestServer own = TestServer.start(engine)) {
            int starts = own.database.jdbi().withHandle(h ->
                    h.createQuery("SELECT count(*) FROM server_start").mapTo(Integer.class).one());
            assertEquals(1, starts, "the server migration ran and recorded the start");
            try (Response response = own.get("/health")) {
                assertEquals(200, response.code());
                assertEquals("ok", json(response).path("status").asText());
            }
            try (Response response = own.get("/v0/health")) {
                assertEquals(200, response.code());
                assertEquals("ok", json(response).path("data").path("status").asText());
            }
        }
    }

    @Test
    void healthIsUnavailableWhenTheDatabaseIsGone() throws IOException {
        try (TestServer own = TestServer.start(Engine.SQLITE)) {
            own.database.close();
            try (Response response = own.get("/health")) {
                assertEquals(503, response.code());
                assertEquals("unavailable", json(response).path("status").asText());
            }
        }
    }

    @Test
    void unexpectedExceptionIsJson500WithoutDetails() throws IOException {
        try (Response response = server.get("/boom")) {
            assertEquals(500, response.code());
            String body = response.body().string();
            JsonNode error = JSON.readTree(body).path("error");
            assertEquals("internal", error.path("code").asText());
            assertEquals("internal error", error.path("message").asText());
            assertEquals(response.header("Request-ID"), error.path("requestId").asText());
            assertFalse(body.contains("secret detail"), body);
            assertFalse(body.contains("dev.chillproxy"), body);
        }
    }

    @Test
    void configSegmentNeverReachesTheRequestLog() throws Exception {
        String token = "LEGACYTOKEN0123456789abcdef";
        String cfg = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.own(StoreName.TORBOX, token)), List.of(), false,
                false, "", ""));
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String log;
        try {
            for (String path : List.of("/manifest.json", "/configure", "/stream/movie/tt1.json")) {
                server.get("/stremio/torz/" + cfg + path).close();
            }
            // the request line is written after the response is sent: wait for the last one
            for (int i = 0; i < 200 && !buffer.toString(StandardCharsets.UTF_8).contains("/stream/{type}/{id}"); i++) {
                Thread.sleep(10);
            }
            log = buffer.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(original);
        }
        assertTrue(log.contains("method=GET route=/stremio/torz/{cfg}/manifest.json status=200"), log);
        assertTrue(log.contains("method=GET route=/stremio/torz/{cfg}/configure status=200"), log);
        assertTrue(log.contains("method=GET route=/stremio/torz/{cfg}/stream/{type}/{id} status=200"), log);
        assertFalse(log.contains(cfg), log);
        assertFalse(log.contains(token), log);
    }

    @Test
    void unknownRouteIsJson404() throws IOException {
        try (Response response = server.get("/nope")) {
            assertEquals(404, response.code());
            assertEquals("not_found", json(response).path("error").path("code").asText());
        }
    }

    @Test
    void saneRequestIdIsEchoedAndOthersAreReplaced() throws IOException {
        try (Response response = server.call(new Request.Builder().url(server.url("/health"))
                .header("Request-ID", "abc-123.x"))) {
            assertEquals("abc-123.x", response.header("Request-ID"));
        }
        String tooLong = "a".repeat(65);
        try (Response response = server.call(new Request.Builder().url(server.url("/health"))
                .header("Request-ID", tooLong))) {
            String id = response.header("Request-ID");
            assertNotNull(id);
            assertNotEquals(tooLong, id);
        }
        try (Response response = server.call(new Request.Builder().url(server.url("/health"))
                .header("Request-ID", "evil\tline"))) {
            assertFalse(response.header("Request-ID").contains("evil"));
        }
        try (Response first = server.get("/health"); Response second = server.get("/health")) {
            assertNotEquals(first.header("Request-ID"), second.header("Request-ID"));
        }
    }

    @Test
    void stremioRoutesAllowAnyOriginAndAnswerPreflight() throws IOException {
        try (Response response = server.call(new Request.Builder().url(server.url("/stremio/torz/manifest.json"))
                .header("Origin", "https://web.stremio.com"))) {
            assertEquals("*", response.header("Access-Control-Allow-Origin"));
        }
        try (Response response = server.call(new Request.Builder().url(server.url("/stremio/torz/manifest.json"))
                .method("OPTIONS", null)
                .header("Origin", "https://web.stremio.com")
                .header("Access-Control-Request-Method", "GET"))) {
            assertEquals(200, response.code());
            assertEquals("*", response.header("Access-Control-Allow-Origin"));
            assertTrue(response.header("Access-Control-Allow-Methods", "").contains("GET"));
        }
    }
}
