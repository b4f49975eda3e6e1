package dev.chillproxy.server.security;

import static dev.chillproxy.server.fakes.ServerFixture.KEY_ONE;
import static dev.chillproxy.server.fakes.ServerFixture.KEY_TWO;
import static dev.chillproxy.server.fakes.ServerFixture.cachedHash;
import static dev.chillproxy.server.fakes.ServerFixture.imdbId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.FakeIndexer;
import dev.chillproxy.server.fakes.ServerFixture;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The security review's attacks, driven through the running server (embedded pool, fake TorBox, a fake indexer the
 * attacker controls; loopback only). Each test is one attacker with what they can reach without the operator: an
 * anonymous caller, a pool user, a legacy-token user. The other end-to-end attack tests carry the same
 * {@code security} tag; {@code mvn -B -ntp verify -Dgroups=security} runs them alone.
 */
@Tag("security")
class AttackSuiteTest {

    private static final String ATTACKER = "Attacker/1";
    private static final String INDEXER_KEY = "attacker-indexer-key-5521";
    private static final String MOVIE = imdbId(2);

    @StartStop
    final MockWebServer attackerIndexer = new MockWebServer();
    ServerFixture fixture;

    @BeforeEach
    void start() {
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of(
                "STREAM_DEADLINE_MS", "3000",
                "RATE_LIMIT_USER_RPS", "1000",
                "RATE_LIMIT_IP_RPS", "1000",
                // the attacker's indexer runs on this machine: allow it, so what stops an attack is the server's limit
                "LOCAL_URLS_ALLOWED", "http://127.0.0.1:" + attackerIndexer.getPort()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static String cfg(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private String attackerUrl() {
        return "http://127.0.0.1:" + attackerIndexer.getPort() + "/api";
    }

    private String poolUserWithIndexer(String user, String extra) {
        return cfg("{\"stores\":[{\"c\":\"tb\",\"auth\":\"" + user + "\"}],\"indexers\":[{\"n\":\"generic\",\"u\":\""
                + attackerUrl() + "\",\"ak\":\"" + INDEXER_KEY + "\"}]" + extra + "}");
    }

    private record Answer(int code, String headers, String body) {
    }

    private Answer call(Request.Builder request) throws IOException {
        try (Response response = fixture.client.newCall(request.header("User-Agent", ATTACKER).build()).execute()) {
            return new Answer(response.code(), response.headers().toString(), response.body().string());
        }
    }

    private Answer get(String path) throws IOException {
        return call(new Request.Builder().url(fixture.url(path)));
    }

    @Test
    void anAnonymousCallerReachesNoPoolKeyAndNoAdminRoute() throws Exception {
        String body = "{\"userId\":\"" + java.util.UUID.randomUUID() + "\",\"deviceId\":\"d\",\"action\":\"stream-list\"}";
        Answer getKey = call(new Request.Builder().url(fixture.url("/api/v1/internal/pool/get-key"))
                .post(RequestBody.create(body, MediaType.get("application/json"))));
        Answer adminNoBearer = get("/api/v1/admin/pool-keys");
        Answer adminWrongBearer = call(new Request.Builder().url(fixture.url("/api/v1/admin/pool-keys"))
                .header("Authorization", "Bearer " + "x".repeat(40)));

        assertEquals(404, getKey.code(), "the internal API is not served without an operator-set key: " + getKey);
        assertEquals(401, adminNoBearer.code());
        assertEquals(401, adminWrongBearer.code());
        String legacy = cfg("{\"stores\":[{\"c\":\"tb\",\"t\":\"" + KEY_TWO + "\"}]}");
        Answer notFound = get("/stremio/torz/" + legacy + "/nothing/here");
        assertEquals(404, notFound.code());
        assertFalse(notFound.body().contains(legacy), "a 404 echoes no path: " + notFound.body());
    }

    /** 26 polynomial regexes over 200 releases once took 30 s of CPU; now the list's budget cuts it and says so. */
    @Test
    void aFilterBuiltToBurnCpuIsCutAndNamedInAnInfoStream() throws Exception {
        fixture.addPoolKey(KEY_ONE, 20);
        String user = fixture.addUser();
        List<FakeIndexer.Item> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(new FakeIndexer.Item(MOVIE, "Fault.Movie.2." + "a".repeat(120) + i, String.format("e%039x", i),
                    1_000_000_000L, 5));
        }
        attackerIndexer.setDispatcher(new FakeIndexer(0, items));
        String filter = String.join(" || ", Collections.nCopies(26, "Raw.Name matches \\\".*.*.*.*#\\\""));
        String path = "/stremio/torz/" + poolUserWithIndexer(user, ",\"filter\":\"" + filter + "\"")
                + "/stream/movie/" + MOVIE + ".json";

        long started = System.nanoTime();
        JsonNode streams = fixture.streams(path, ATTACKER);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertEquals(1, streams.size(), streams.toString());
        assertTrue(streams.get(0).toString().contains("filter too expensive"), streams.toString());
        // the deadline is 3 s; the unbounded filter ran for tens of seconds
        assertTrue(tookMs < 15_000, "answered after " + tookMs + " ms");
    }

    /** An indexer answering 60 MB is read up to the cap and hung up on; the list still answers. */
    @Test
    void aHugeIndexerAnswerIsCutNotBuffered() throws Exception {
        fixture.addPoolKey(KEY_ONE, 20);
        String user = fixture.addUser();
        CountingBody huge = new CountingBody(60_000_000L);
        FakeIndexer caps = new FakeIndexer(0);
        attackerIndexer.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return "caps".equals(request.getUrl().queryParameter("t")) ? caps.dispatch(request)
                        : new MockResponse.Builder().addHeader("Content-Type", "application/xml").body(huge).build();
            }
        });

        JsonNode streams = fixture.streams("/stremio/torz/" + poolUserWithIndexer(user, "") + "/stream/movie/" + MOVIE
                + ".json", ATTACKER);

        assertTrue(streams.size() >= 1, "the operator's results still answer: " + streams);
        assertTrue(huge.hungUp.await(10, TimeUnit.SECONDS), "the server stopped reading and hung up");
        // the cap is 4 MB; socket buffers add a little
        assertTrue(huge.written.get() < 20_000_000L, "sent before the hang-up: " + huge.written.get());
    }

    /** An endless-looking Torznab feed whose fake counts what it wrote until the reader hangs up. */
    private static final class CountingBody implements MockResponseBody {
        final AtomicLong written = new AtomicLong();
        final CountDownLatch hungUp = new CountDownLatch(1);
        private final long total;

        CountingBody(long total) {
            this.total = total;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] item = ("<item><title>" + "x".repeat(900) + "</title></item>").getBytes(StandardCharsets.UTF_8);
            try {
                sink.writeUtf8("<?xml version=\"1.0\"?><rss><channel>");
                while (written.get() < total) {
                    sink.write(item);
                    sink.flush();
                    written.addAndGet(item.length);
                }
            } catch (IOException e) {
                hungUp.countDown();
                throw e;
            }
        }
    }

    /**
     * A pool user, a legacy-token user and an anonymous caller go through lists, playbacks, bad configs and errors;
     * no pool key, legacy token, indexer key or admin key appears in any answer or log line.
     */
    @Test
    void noKeyReachesAnAnswerOrALogLine() throws Exception {
        attackerIndexer.setDispatcher(new FakeIndexer(0, new FakeIndexer.Item(MOVIE, "Attacker.Release.2021.1080p",
                "f".repeat(40), 1_000_000_000L, 3)));
        String adminKey = fixture.settings.pool().adminApiKey().orElseThrow().reveal();
        List<Answer> answers = new ArrayList<>();
        String logs = ServerFixture.capturingLogs(() -> {
            fixture.addPoolKey(KEY_ONE, 20);
            String user = fixture.addUser();
            String pooled = poolUserWithIndexer(user, "");
            String legacy = cfg("{\"stores\":[{\"c\":\"tb\",\"t\":\"" + KEY_TWO + "\"}],\"indexers\":[{\"n\":\"generic\",\"u\":\""
                    + attackerUrl() + "\",\"ak\":\"" + INDEXER_KEY + "\"}]}");
            String wrongToken = cfg("{\"stores\":[{\"c\":\"tb\",\"t\":\"wrong-" + KEY_TWO + "\"}]}");
            for (String config : List.of(pooled, legacy, wrongToken)) {
                answers.add(get("/stremio/torz/" + config + "/manifest.json"));
                answers.add(get("/stremio/torz/" + config + "/stream/movie/" + MOVIE + ".json"));
                answers.add(get("/stremio/torz/" + config + "/_/strem/" + MOVIE + "/tb/" + cachedHash(2) + "/-1/x.mkv"));
                answers.add(get("/stremio/torz/" + config + "/_/strem/" + MOVIE + "/rd/" + cachedHash(2) + "/-1/x.mkv"));
                answers.add(get("/stremio/torz/" + config + "/stream/movie/%ZZ.json"));
                answers.add(get("/stremio/torz/" + config + "/configure"));
            }
            answers.add(get("/stremio/torz/" + cfg("{\"stores\":[{\"c\":\"rd\",\"auth\":\"" + user + "\"}]}")
                    + "/stream/movie/" + MOVIE + ".json"));
            answers.add(get("/api/v1/admin/pool-keys?token=" + KEY_TWO));
            answers.add(call(new Request.Builder().url(fixture.url("/api/v1/admin/pool-keys"))
                    .header("Authorization", "Bearer " + adminKey)));
            answers.add(call(new Request.Builder().url(fixture.url("/api/v1/admin/pool-keys"))
                    .header("Authorization", "Bearer " + adminKey)
                    .post(RequestBody.create("{\"apiKey\":\"" + KEY_TWO + "x\"}", MediaType.get("application/json")))));
        });

        assertTrue(answers.stream().anyMatch(answer -> answer.code() == 302), "a playback was served");
        assertTrue(logs.contains("request id="), "the request log was captured");
        for (String secret : List.of(KEY_ONE, KEY_TWO, INDEXER_KEY, adminKey)) {
            assertFalse(logs.contains(secret), "a log line carries " + secret);
            for (Answer answer : answers) {
                assertFalse(answer.headers().contains(secret), "headers carry " + secret + ": " + answer.headers());
                if (!answer.body().contains("<form")) {
                    // the configure page shows the visitor's own config back to them in its form; nothing else may
                    assertFalse(answer.body().contains(secret), "an answer carries " + secret + ": " + answer.body());
                }
            }
        }
    }
}
