package dev.chillproxy.store.torznab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a hostile or broken indexer can make the server do: read, hold, wait. */
class TorznabLimitsTest {

    static final long FIFTY_MB = 50L * 1024 * 1024;

    @StartStop
    final MockWebServer server = new MockWebServer();

    final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    /** A long client timeout, so only the request's deadline can end a hanging call. */
    final TorznabClient client = new TorznabClient(Fixtures.CLIENT, Duration.ofSeconds(30), "chillproxy/test");

    @BeforeEach
    void route() {
        server.setDispatcher(TorznabClientTest.routed(routes));
        routes.put("/x/api?t=caps", r -> TorznabClientTest.xml(TorznabClientTest.JACKETT_CAPS));
    }

    IndexerEndpoint endpoint(String path) {
        return new IndexerEndpoint(IndexerKind.JACKETT, server.url(path).toString(), ApiKey.of("indexer-api-key-123456"));
    }

    static String hashItem(int i) {
        return "<item><title>Movie.2020.Part" + i + "</title><torznab:attr name=\"infohash\" value=\""
                + "%040x".formatted(i + 1) + "\"/></item>";
    }

    /** A body that the fake writes on demand and whose bytes it counts, until the client stops reading. */
    static final class Streamed implements MockResponseBody {
        final AtomicLong written = new AtomicLong();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile long closedAtNanos;
        private final byte[] head;
        private final Function<Long, byte[]> chunk;
        private final long total;
        private final long pauseMillis;

        Streamed(String head, Function<Long, byte[]> chunk, long total, long pauseMillis) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.chunk = chunk;
            this.total = total;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public long getContentLength() {
            return -1; // chunked: the length is what the fake decides to send
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try {
                sink.write(head);
                sink.flush();
                written.addAndGet(head.length);
                for (long n = 0; written.get() < total; n++) {
                    byte[] bytes = chunk.apply(n);
                    sink.write(bytes);
                    sink.flush();
                    written.addAndGet(bytes.length);
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (IOException e) {
                closedAtNanos = System.nanoTime();
                closed.countDown();
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static MockResponse streamed(Streamed body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/xml").body(body).build();
    }

    static final String FEED_HEAD = TorznabClientTest.feed("").replace("</channel></rss>", "");

    @Test
    void aFeedOfAHundredThousandItemsIsCutAtTheItemCapAndNotReadFurther() throws Exception {
        Streamed body = new Streamed(FEED_HEAD, n -> hashItem(n.intValue()).getBytes(StandardCharsets.UTF_8), FIFTY_MB, 0);
        routes.put("/x/api?t=movie", r -> streamed(body));
        long started = System.nanoTime();
        IndexerOutcome.Found found = assertInstanceOf(IndexerOutcome.Found.class,
                client.search(endpoint("/x/api"), TorznabQuery.movie("tt0111161", null)));
        assertEquals(TorznabXml.MAX_ITEMS, found.items().size());
        assertTrue(found.note().startsWith("truncated"), found.note());
        assertTrue(body.closed.await(5, TimeUnit.SECONDS), "the server stopped reading and closed the connection");
        assertTrue(body.written.get() < 20L * 1024 * 1024, "sent before the close: " + body.written.get());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void fiftyMegabytesInOneItemAreCutAtTheByteCapKeepingTheItemsBefore() throws Exception {
        String head = FEED_HEAD + hashItem(1) + hashItem(2) + "<item><title>";
        Streamed body = new Streamed(head, n -> "A".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8), FIFTY_MB, 0);
        routes.put("/x/api?t=movie", r -> streamed(body));
        IndexerOutcome.Found found = assertInstanceOf(IndexerOutcome.Found.class,
                client.search(endpoint("/x/api"), TorznabQuery.movie("tt0111161", null)));
        assertEquals(2, found.items().size(), "the items before the cut are kept");
        assertTrue(found.note().contains("size limit"), found.note());
        assertTrue(body.closed.await(5, TimeUnit.SECONDS), "the server stopped reading and closed the connection");
        assertTrue(body.written.get() < TorznabClient.MAX_ANSWER_BYTES + 16L * 1024 * 1024,
                "sent before the close: " + body.written.get());
    }

    @Test
    void aHangingIndexerIsCancelledWhenTheDeadlinePasses() throws Exception {
        Streamed hanging = new Streamed(FEED_HEAD, n -> " ".getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE, 50);
        routes.put("/x/api?t=movie", r -> streamed(hanging));
        routes.put("/fast/api?t=caps", r -> TorznabClientTest.xml(TorznabClientTest.JACKETT_CAPS));
        routes.put("/fast/api?t=movie", r -> TorznabClientTest.xml(TorznabClientTest.feed(hashItem(7))));
        Pools pools = new Pools(4, 4);
        try {
            long started = System.nanoTime();
            TorznabSearch.Result result = new TorznabSearch(client, pools.executor)
                    .searchAll(List.of(endpoint("/x/api"), endpoint("/fast/api")),
                            TorznabQuery.movie("tt0111161", null), Duration.ofMillis(1_500));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMillis < 2_200, "answered after " + tookMillis + " ms"); // 1500 + 100 grace + a loaded machine
            assertEquals(1, result.items().size());
            assertEquals(List.of(endpoint("/x/api").label()), result.dropped());
            assertTrue(hanging.closed.await(2, TimeUnit.SECONDS), "the hanging call was cancelled");
            long closedAfter = TimeUnit.NANOSECONDS.toMillis(hanging.closedAtNanos - started);
            assertTrue(closedAfter < 2_500, "connection closed " + closedAfter + " ms after the start");
        } finally {
            pools.close();
        }
    }

    @Test
    void aHangingTorrentHostIsCancelledAtTheDeadlineAndTheHashedItemsStillCount() throws Exception {
        Streamed hanging = new Streamed("d8:announce", n -> "x".getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE, 50);
        routes.put("/slow.torrent", r -> new MockResponse.Builder().body(hanging).build());
        routes.put("/x/api?t=movie", r -> TorznabClientTest.xml(TorznabClientTest.feed(hashItem(1)
                + "<item><title>NoHash</title><enclosure url=\"" + server.url("/slow.torrent") + "\"/></item>")));
        Pools pools = new Pools(4, 4);
        try {
            long started = System.nanoTime();
            TorznabSearch.Result result = new TorznabSearch(client, pools.executor)
                    .searchAll(List.of(endpoint("/x/api")), TorznabQuery.movie("tt0111161", null), Duration.ofMillis(2_000));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // deadline 2 s (a cold JVM on a loaded machine needs time for the feed) + 100 ms grace, with room for a loaded test machine
            assertTrue(tookMillis < 2_700, "answered after " + tookMillis + " ms");
            assertEquals(1, result.items().size(), "the item with a hash arrived in time: " + result);
            assertTrue(result.dropped().isEmpty(), result.dropped().toString());
            assertTrue(hanging.closed.await(2, TimeUnit.SECONDS), "the .torrent download was cancelled");
            long closedAfter = TimeUnit.NANOSECONDS.toMillis(hanging.closedAtNanos - started);
            assertTrue(closedAfter < 3_000, "connection closed " + closedAfter + " ms after the start");
        } finally {
            pools.close();
        }
    }

    @Test
    void atMostTenTorrentsAreFetchedPerSearch() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            items.append("<item><title>T").append(i).append("</title><enclosure url=\"")
                    .append(server.url("/t/" + i + ".torrent")).append("\"/></item>");
        }
        routes.put("/x/api?t=movie", r -> TorznabClientTest.xml(TorznabClientTest.feed(items.toString())));
        IndexerOutcome.Found found = assertInstanceOf(IndexerOutcome.Found.class,
                client.search(endpoint("/x/api"), TorznabQuery.movie("tt0111161", null)));
        assertEquals(40, found.unresolved());
        assertEquals(2 + TorznabSearch.MAX_TORRENT_FETCHES, server.getRequestCount());
    }

    @Test
    void aNewlineInIndexerTextNeverMakesASecondLogLine() throws Exception {
        routes.put("/x/api?t=movie", r -> TorznabClientTest.xml(TorznabClientTest.feed(
                "<item><title>Movie.2020&#10;FORGED line from a title</title>"
                        + "<torznab:attr name=\"infohash\" value=\"" + TorznabClientTest.HASH + "\"/></item>")));
        routes.put("/bad/api?t=caps", r -> TorznabClientTest.xml(
                "<error code=\"1\" description=\"bad&#10;FORGED line from an error&#13;&#x2028;FORGED again\"/>"));
        PrintStream original = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(copy, true, StandardCharsets.UTF_8));
        IndexerOutcome.Found found;
        IndexerOutcome.Failed failed;
        try {
            found = assertInstanceOf(IndexerOutcome.Found.class,
                    client.search(endpoint("/x/api"), TorznabQuery.movie("tt0111161", null)));
            failed = assertInstanceOf(IndexerOutcome.Failed.class,
                    client.search(endpoint("/bad/api"), TorznabQuery.movie("tt0111161", null)));
        } finally {
            System.setErr(original);
        }
        assertEquals("Movie.2020 FORGED line from a title", found.items().get(0).title());
        assertFalse(failed.reason().matches("(?s).*[\\r\\n\\u2028].*"), failed.reason());
        String log = copy.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("indexer error 1: bad"), log);
        for (String line : log.split("\\R")) {
            assertFalse(line.startsWith("FORGED"), "forged log line: " + line);
        }
    }

    /** Registers {@code count} indexers whose search answer never ends; returns them. */
    List<IndexerEndpoint> hangingIndexers(String prefix, int count) {
        List<IndexerEndpoint> endpoints = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = "/" + prefix + i + "/api";
            routes.put(path + "?t=caps", r -> TorznabClientTest.xml(TorznabClientTest.JACKETT_CAPS));
            routes.put(path + "?t=movie", r -> streamed(
                    new Streamed(FEED_HEAD, n -> " ".getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE, 50)));
            endpoints.add(endpoint(path));
        }
        return endpoints;
    }

    @Test
    void oneSearchWithManySlowIndexersLeavesWorkersForOthers() throws Exception {
        List<IndexerEndpoint> slow = hangingIndexers("slow", 10);
        routes.put("/fast/api?t=caps", r -> TorznabClientTest.xml(TorznabClientTest.JACKETT_CAPS));
        routes.put("/fast/api?t=movie", r -> TorznabClientTest.xml(TorznabClientTest.feed(hashItem(7))));
        Pools pools = new Pools(6, 0);
        try {
            TorznabSearch search = new TorznabSearch(client, pools.executor);
            var greedy = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> search.searchAll(slow, TorznabQuery.movie("tt0111161", null), Duration.ofMillis(3_000)));
            while (pools.executor.getActiveCount() < TorznabSearch.DEFAULT_LANES) {
                Thread.sleep(10);
            }
            TorznabSearch.Result other = search.searchAll(List.of(endpoint("/fast/api")),
                    TorznabQuery.movie("tt0111161", null), Duration.ofMillis(2_000));
            assertEquals(1, other.items().size(), "another user's indexer still ran: " + other.dropped());
            TorznabSearch.Result slowResult = greedy.get(5, TimeUnit.SECONDS);
            assertEquals(10, slowResult.dropped().size());
            assertTrue(pools.executor.getLargestPoolSize() <= 6);
        } finally {
            pools.close();
        }
    }

    @Test
    void manyConcurrentSlowSearchesNeverGrowThePoolAndTheExtraAreSkipped() throws Exception {
        List<IndexerEndpoint> slow = hangingIndexers("busy", 2);
        Pools pools = new Pools(4, 2);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            TorznabSearch search = new TorznabSearch(client, pools.executor);
            long started = System.nanoTime();
            List<java.util.concurrent.Future<TorznabSearch.Result>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(callers.submit(() -> search.searchAll(slow, TorznabQuery.movie("tt0111161", null),
                        Duration.ofMillis(500))));
            }
            int skipped = 0;
            for (var result : results) {
                TorznabSearch.Result answer = result.get(5, TimeUnit.SECONDS);
                assertEquals(2, answer.dropped().size());
                skipped += answer.dropped().get(0).endsWith("(skipped: server busy)") ? 1 : 0;
            }
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 4_000);
            assertTrue(pools.executor.getLargestPoolSize() <= 4, "threads: " + pools.executor.getLargestPoolSize());
            assertTrue(skipped > 0, "searches beyond the pool and its queue are skipped, not queued without end");
        } finally {
            callers.shutdownNow();
            pools.close();
        }
    }
}
