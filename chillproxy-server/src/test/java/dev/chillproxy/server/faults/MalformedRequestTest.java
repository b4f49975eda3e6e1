package dev.chillproxy.server.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The malformed requests the fuzz found mishandled, one by one. */
class MalformedRequestTest {

    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aPathParameterWithABadPercentEscapeIsNotA500() throws Exception {
        try (Response response = fixture.get("/stremio/torz/x/stream/series/tt;%zz.json", "Stremio/1")) {
            assertEquals(400, response.code(), response.body().string());
        }
    }

    @Test
    void aHeadThatJettyRejectsGetsNoBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fixture.app.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("HEAD /%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertEquals("", answer.substring(answer.indexOf("\r\n\r\n") + 4), "a HEAD answer has no body");
        }
    }
}
