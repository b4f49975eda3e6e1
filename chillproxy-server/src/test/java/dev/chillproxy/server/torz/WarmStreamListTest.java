package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A list asked for again within seconds is answered from the kept bytes, gzipped for a client that accepts it,
 * while the pool is still asked every time: a disabled user or a fourth device never gets the kept list.
 */
class WarmStreamListTest {

    private ServerFixture fixture;
    private String user;

    @BeforeEach
    void start() throws IOException {
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of());
        fixture.addPoolKey(ServerFixture.KEY_ONE, 10);
        user = fixture.addUser();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private byte[] raw(String path, String userAgent, String acceptEncoding) throws IOException {
        Request.Builder request = new Request.Builder().url(fixture.url(path)).header("User-Agent", userAgent);
        if (acceptEncoding != null) {
            // set by hand, so OkHttp hands over the body as it came
            request.header("Accept-Encoding", acceptEncoding);
        }
        try (Response response = fixture.client.newCall(request.build()).execute()) {
            assertEquals(200, response.code());
            byte[] body = response.body().bytes();
            if ("gzip".equals(response.header("Content-Encoding"))) {
                try (GZIPInputStream unzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    return unzip.readAllBytes();
                }
            }
            assertNull(response.header("Content-Encoding"), "only gzip is offered");
            return body;
        }
    }

    private long answersFromMemory() throws IOException {
        String metrics = fixture.getText("/metrics");
        for (String line : metrics.split("\n")) {
            if (line.startsWith("cache_gets_total{cache=\"answers\",result=\"hit\"")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no answers cache metric: " + metrics);
    }

    @Test
    void theSameListAgainIsTheSameAnswerGzippedWhenAcceptedAndStillCounted() throws Exception {
        String path = ServerFixture.streamPath(user, 3);
        byte[] first = raw(path, "Player/1", null);
        byte[] again = raw(path, "Player/1", "gzip, deflate, br");
        byte[] plain = raw(path, "Player/1", "gzip;q=0, identity");

        assertEquals(2, answersFromMemory(), "the second and third answers came from memory");
        assertArrayEquals(first, again);
        assertArrayEquals(first, plain);
        JsonNode streams = ServerFixture.JSON.readTree(first).get("streams");
        assertTrue(streams.size() >= 1, streams.toString());
        assertFalse(new String(first, java.nio.charset.StandardCharsets.UTF_8).contains(ServerFixture.KEY_ONE));
        // each answer is a list the user was served: three usage events, as without the kept bytes
        assertTrue(fixture.server.outbox().drain(Duration.ofSeconds(5)));
        assertEquals(3, fixture.admin("GET", "/usage?userId=" + user + "&action=stream-list", null).get("items").size());
    }

    @Test
    void aDisabledUserDoesNotGetTheKeptList() throws Exception {
        String path = ServerFixture.streamPath(user, 4);
        assertTrue(fixture.streams(path, "Player/1").size() >= 1);

        fixture.admin("PATCH", "/users/" + user, "{\"status\":\"disabled\"}");
        JsonNode refused = fixture.streams(path, "Player/1");

        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).get("name").asText().contains("Access disabled"), refused.toString());
    }

    @Test
    void aDeviceOverTheLimitDoesNotGetTheKeptList() throws Exception {
        String path = ServerFixture.streamPath(user, 5);
        for (int device = 1; device <= 3; device++) {
            assertTrue(fixture.streams(path, "Player/" + device).size() >= 1);
        }

        JsonNode refused = fixture.streams(path, "Player/4");

        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).get("name").asText().contains("Device limit reached"), refused.toString());
    }
}
