package dev.chillproxy.chillstreams.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.cluster.CacheEvictions;
import dev.chillproxy.chillstreams.cluster.FeedStatus;
import dev.chillproxy.chillstreams.testing.CapturedStderr;
import dev.chillproxy.core.secret.ApiKey;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChillstreamsEventsTest {

    private static final String INTERNAL_KEY = "internal-0123456789abcdef0123456789abcdef";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final RecordingCaches caches = new RecordingCaches();
    private final FeedStatus feed = FeedStatus.connecting();
    private ChillstreamsEvents events;

    @AfterEach
    void stop() {
        if (events != null) {
            events.close();
        }
    }

    private void subscribe() {
        events = new ChillstreamsEvents(server.url("/").toString(), ApiKey.of(INTERNAL_KEY), new OkHttpClient(),
                new ObjectMapper(), caches, feed, Duration.ofMillis(20));
        events.start();
    }

    private static MockResponse stream(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    /** A stream that stays open (its end is far away) after {@code body}. */
    private static MockResponse openStream(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(body + ": heartbeat\n\n".repeat(2_000)).throttleBody(body.length() + 20, 1, TimeUnit.SECONDS).build();
    }

    @Test
    void revokeEventsEvictTheUserOrTheKeyWhileTheFeedIsUp() throws Exception {
        server.enqueue(openStream("id: 7\nevent: revoke\ndata: {\"userId\":\"Alice\"}\n\n: heartbeat\n\n"
                + "event: revoke\ndata: {\"poolKeyId\":\"key-1\"}\n\nevent: other\ndata: {\"userId\":\"bob\"}\n\n"));
        subscribe();

        await(() -> caches.seen.contains("key key-1"), 5_000);
        assertEquals(List.of("all", "user alice", "key key-1"), caches.seen, "a catch-up, then each revocation");
        assertTrue(feed.isUp());
        RecordedRequest request = server.takeRequest();
        assertEquals("/api/v1/internal/events", request.getTarget());
        assertEquals("Bearer " + INTERNAL_KEY, request.getHeaders().get("Authorization"));
        assertEquals("text/event-stream", request.getHeaders().get("Accept"));
        assertNull(request.getHeaders().get("Last-Event-ID"));
    }

    @Test
    void aLostStreamDistrustsTheCacheAndTheReconnectionResumesFromTheLastEventId() throws Exception {
        server.enqueue(stream("id: 41\nevent: revoke\ndata: {\"userId\":\"alice\"}\n\n"));
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(openStream("id: 42\nevent: revoke\ndata: {\"userId\":\"bob\"}\n\n"));
        try (CapturedStderr logs = new CapturedStderr()) {
            subscribe();
            await(() -> caches.seen.contains("user bob"), 5_000);
            assertTrue(logs.text().contains("Chillstreams event stream ended"), logs.text());
            assertFalse(logs.text().contains(INTERNAL_KEY));
        }

        assertEquals(List.of("all", "user alice", "all", "user bob"), caches.seen, "caught up after reconnecting");
        assertTrue(feed.isUp());
        assertTrue(caches.feedWhenSeen.get(1), "evicted while connected");
        server.takeRequest();
        assertEquals("41", server.takeRequest().getHeaders().get("Last-Event-ID"));
        assertEquals("41", server.takeRequest().getHeaders().get("Last-Event-ID"));
    }

    @Test
    void whileDisconnectedTheFeedIsDown() throws Exception {
        server.enqueue(stream("event: revoke\ndata: {\"userId\":\"alice\"}\n\n"));
        for (int i = 0; i < 50; i++) {
            server.enqueue(new MockResponse.Builder().code(500).build());
        }
        try (CapturedStderr logs = new CapturedStderr()) {
            subscribe();
            await(() -> caches.seen.contains("user alice") && server.getRequestCount() >= 3, 5_000);
            assertFalse(feed.isUp(), "cached grants are not trusted while the stream is down");
        }
    }

    @Test
    void malformedAndHugeEventsAreIgnoredAndLaterOnesStillApply() throws Exception {
        String hugeLine = "data: " + "x".repeat(200_000) + "\n\n";
        String hugeData = ("data: " + "y".repeat(1_000) + "\n").repeat(40) + "\n";
        server.enqueue(openStream("event: revoke\ndata: not json\n\n"
                + "event: revoke\ndata: {\"userId\":\"" + "z".repeat(500) + "\"}\n\n"
                + "event: revoke\ndata: {\"userId\":42}\n\n"
                + "event: revoke\n" + hugeLine
                + "event: revoke\n" + hugeData
                + "retry: 99999999999999999999\nid: bad\0id\n\n"
                + "event: revoke\ndata: {\"userId\":\"carol\"}\n\n"));
        try (CapturedStderr logs = new CapturedStderr()) {
            subscribe();
            await(() -> caches.seen.contains("user carol"), 10_000);
            assertTrue(logs.text().contains("ignored a malformed revoke event"), logs.text());
        }
        assertEquals(List.of("all", "user carol"), caches.seen);
        assertTrue(feed.isUp());
    }

    @Test
    void aChillstreamsWithoutTheStreamKeepsCachedGrantsTrusted() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).build());
        try (CapturedStderr logs = new CapturedStderr()) {
            subscribe();
            await(feed, 5_000);
            assertTrue(logs.text().contains("offers no event stream (404)"), logs.text());
        }
    }

    private static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + millis + " ms");
            }
            Thread.sleep(5);
        }
    }

    private final class RecordingCaches implements CacheEvictions {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<Boolean> feedWhenSeen = new CopyOnWriteArrayList<>();

        @Override
        public void evictUser(String userId) {
            record("user " + userId);
        }

        @Override
        public void evictKey(String poolKeyId) {
            record("key " + poolKeyId);
        }

        @Override
        public void evictAll() {
            record("all");
        }

        private void record(String what) {
            seen.add(what);
            feedWhenSeen.add(feed.isUp());
        }
    }
}
