package dev.chillproxy.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import io.javalin.Javalin;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the edge gives away on errors: a 404 never echoes the path, a database error logs no bound value. */
class WebHygieneTest {

    private static final String TOKEN = "tbk0123456789abcdef0123456789abcd";
    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start(Engine.SQLITE, Map.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aNotFoundAnswerDoesNotEchoThePath() throws Exception {
        for (String path : new String[] {"/" + TOKEN, "/stremio/torz/" + TOKEN + "/nothing/here", "/api/v1/" + TOKEN}) {
            try (Response response = fixture.get(path, "Probe/1")) {
                String body = response.body().string();
                assertEquals(404, response.code(), path);
                assertFalse(body.contains(TOKEN), body);
                assertTrue(body.contains("not_found"), body);
            }
        }
    }

    @Test
    void aDatabaseErrorIsLoggedByClassAndSqlStateOnly() throws Exception {
        String user = "5f0c2a9e-8d1b-4c3a-9e7f-6a5b4c3d2e1f";
        Javalin app = Javalin.create(config -> {
            new ErrorResponses().register(config.routes);
            config.routes.get("/fails", ctx -> {
                throw new ConnectionException(new SQLException("Key (user_id)=(" + user + ") already exists", "23505"));
            });
        }).start("127.0.0.1", 0);
        try {
            String log = ServerFixture.capturingLogs(() -> {
                Request request = new Request.Builder().url("http://127.0.0.1:" + app.port() + "/fails").build();
                try (Response response = new OkHttpClient().newCall(request).execute()) {
                    assertEquals(500, response.code());
                    assertFalse(response.body().string().contains(user));
                }
            });
            assertTrue(log.contains("ConnectionException (SQL state 23505)"), "LOG[" + log + "]");
            assertFalse(log.contains(user), log);
        } finally {
            app.stop();
        }
    }
}
