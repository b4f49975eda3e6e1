package dev.chillproxy.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.cluster.RevocationStream;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.server.RouteTable;
import dev.chillproxy.server.limits.RateLimit;
import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.web.ErrorResponses;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsRoutesTest {

    private static final String INTERNAL_KEY = "internal-0123456789abcdef0123456789abcdef";

    private final RevocationStream stream = new RevocationStream(1_700_000_000_000L);
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
    private final List<Response> open = new ArrayList<>();
    private Javalin app;

    @BeforeEach
    void start() {
        EventsRoutes routes = new EventsRoutes(stream, new ObjectMapper(), Duration.ofMillis(100));
        app = Javalin.create(config -> {
            RouteTable.internalEvents(config.routes, routes, new BearerGuard(ApiKey.of(INTERNAL_KEY), "CHILLSTREAMS_API_KEY"),
                    new RateLimit(1_000, System::nanoTime));
            new ErrorResponses().register(config.routes);
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        stream.close();
        open.forEach(Response::close);
        app.stop();
    }

    private Response subscribe() throws IOException {
        Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + app.port() + "/api/v1/internal/events")
                .header("Authorization", "Bearer " + INTERNAL_KEY).build()).execute();
        open.add(response);
        return response;
    }

    /** Reads up to the next blank line. */
    private static String nextBlock(BufferedSource source) throws IOException {
        StringBuilder block = new StringBuilder();
        for (String line = source.readUtf8LineStrict(); !line.isEmpty(); line = source.readUtf8LineStrict()) {
            block.append(line).append('\n');
        }
        return block.toString();
    }

    @Test
    void revocationsArriveAsRevokeEventsWithHeartbeatsBetween() throws IOException {
        Response response = subscribe();
        assertEquals(200, response.code());
        assertTrue(response.header("Content-Type").startsWith("text/event-stream"), response.header("Content-Type"));
        BufferedSource source = response.body().source();
        assertEquals("retry: 1000\n", nextBlock(source));
        assertEquals(": heartbeat\n", nextBlock(source), "a quiet stream sends comments");

        stream.evictUser("alice");
        stream.evictKey("key-\"1\"");
        String first = nextBlock(source);
        while (first.startsWith(":")) {
            first = nextBlock(source);
        }
        assertEquals("id: 1700000000000-1\nevent: revoke\ndata: {\"userId\":\"alice\"}\n", first);
        String second = nextBlock(source);
        while (second.startsWith(":")) {
            second = nextBlock(source);
        }
        assertEquals("id: 1700000000000-2\nevent: revoke\ndata: {\"poolKeyId\":\"key-\\\"1\\\"\"}\n", second);
    }

    @Test
    void subscribersBeyondTheLimitAreTurnedAwayWith503() throws IOException {
        for (int i = 0; i < RevocationStream.MAX_SUBSCRIBERS; i++) {
            Response response = subscribe();
            assertEquals(200, response.code());
            nextBlock(response.body().source()); // the stream is being served
        }
        try (Response refused = subscribe()) {
            assertEquals(503, refused.code());
            assertTrue(refused.body().string().contains("too many event subscribers"));
        }
    }

    @Test
    void closingTheStreamEndsEverySubscription() throws IOException {
        Response response = subscribe();
        BufferedSource source = response.body().source();
        nextBlock(source);
        stream.close();
        while (source.readUtf8Line() != null) {
            // heartbeats until the end
        }
        assertEquals(Optional.empty(), stream.subscribe(), "no new subscriber once closed");
    }
}
