package dev.chillproxy.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the edge gives away on errors: a 404 never echoes the path, a database error logs no bound value. */
@Tag("security")
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
    void browsersGetAFavicon() throws Exception {
        try (Response response = fixture.get("/favicon.ico", "Probe/1")) {
            byte[] icon = response.body().bytes();
            assertEquals(200, response.code());
            assertEquals("image/x-icon", response.header("Content-Type"));
            assertTrue(icon.length > 22 && icon.length < 4096, "a small icon: " + icon.length);
            assertEquals(List.of(0, 0, 1, 0), List.of((int) icon[0], (int) icon[1], (int) icon[2], (int) icon[3]), "ICO header");
        }
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
    void aHeaderTrickleIsClosedWithinTheBoundWhileAnIdleKeepAliveConnectionStays() throws Exception {
        try (Socket keepAlive = new Socket("127.0.0.1", fixture.app.port());
             Socket trickle = new Socket("127.0.0.1", fixture.app.port())) {
            assertTrue(exchange(keepAlive).startsWith("HTTP/1.1 200"));
            long started = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = trickle.getOutputStream();
                    byte[] header = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                            .getBytes(StandardCharsets.US_ASCII);
                    for (byte b : header) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(1_000);
                    }
                } catch (Exception closed) {
                    // the server hung up: what this test waits for
                }
            });
            writer.setDaemon(true);
            writer.start();

            trickle.setSoTimeout(25_000);
            int read;
            try {
                read = trickle.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(-1, read, "the server closed the trickling connection");
            long boundMs = HeaderReadTimeout.DEFAULT.toMillis() + 2_000;
            assertTrue(tookMs <= boundMs, "closed after " + tookMs + " ms, bound " + boundMs + " ms");

            // idle for as long, yet the keep-alive connection still answers
            assertTrue(exchange(keepAlive).startsWith("HTTP/1.1 200"));
        }
    }

    /** One {@code GET /health} on a kept-alive socket; returns the response head. */
    private static String exchange(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        while (!text.toString().contains("\"ok\"")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + text);
            }
            text.append((char) b);
        }
        while (in.available() > 0 && text.charAt(text.length() - 1) != '}') {
            text.append((char) in.read());
        }
        return text.toString();
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
