package dev.chillproxy.store.torznab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TorznabClientTest {

    static final String HASH = "2c229180e129280a36ba7f3a22e2f5135a02a766";
    static final String JACKETT_CAPS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <caps><server title="Jackett" /><limits default="100" max="100" />
              <searching>
                <search available="yes" supportedParams="q" />
                <tv-search available="yes" supportedParams="q,season,ep,imdbid" />
                <movie-search available="yes" supportedParams="q,imdbid" />
              </searching></caps>""";
    static final String GENERIC_CAPS = """
            <caps><server title="Tiny Tracker"/><searching>
              <search available="yes" supportedParams="q"/>
              <tv-search available="no" supportedParams="q"/>
            </searching></caps>""";

    static String feed(String items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:torznab="http://torznab.com/schemas/2015/feed">
                <channel><title>feed</title>""" + items + "</channel></rss>";
    }

    static final String JACKETT_ITEM = """
            <item><title>Show.S01E02.1080p.WEB-DL</title><guid>https://x/details/1</guid>
              <jackettindexer id="eztv">EZTV</jackettindexer>
              <link>https://jackett/dl/eztv/?jackett_apikey=abc&amp;path=x</link>
              <size>2147483648</size>
              <enclosure url="https://jackett/dl/eztv/?jackett_apikey=abc&amp;path=x" length="2147483648" type="application/x-bittorrent"/>
              <torznab:attr name="seeders" value="42"/><torznab:attr name="peers" value="50"/>
              <torznab:attr name="infohash" value="2C229180E129280A36BA7F3A22E2F5135A02A766"/>
              <torznab:attr name="minimumratio" value="0"/>
            </item>""";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    final TorznabClient client = new TorznabClient(Fixtures.CLIENT, Duration.ofSeconds(2), "chillproxy/test");

    @BeforeEach
    void route() {
        server.setDispatcher(TorznabClientTest.routed(routes));
    }

    /** Answers by path and Torznab {@code t} ({@code /x/api?t=caps}); anything else is a 404. */
    static Dispatcher routed(Map<String, Function<RecordedRequest, MockResponse>> routes) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String t = request.getUrl().queryParameter("t");
                String key = request.getUrl().encodedPath() + (t == null ? "" : "?t=" + t);
                Function<RecordedRequest, MockResponse> route = routes.get(key);
                return route == null ? new MockResponse.Builder().code(404).build() : route.apply(request);
            }
        };
    }

    static MockResponse xml(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/xml").body(body).build();
    }

    IndexerEndpoint endpoint(IndexerKind kind, String path) {
        return new IndexerEndpoint(kind, server.url(path).toString(), ApiKey.of("indexer-api-key-123456"));
    }

    @Test
    void jackettSeriesSearchUsesTvsearchWithImdbSeasonAndEpisode() throws Exception {
        routes.put("/jackett/api?t=caps", r -> xml(JACKETT_CAPS));
        routes.put("/jackett/api?t=tvsearch", r -> xml(feed(JACKETT_ITEM)));
        IndexerOutcome outcome = client.search(endpoint(IndexerKind.JACKETT, "/jackett/api"),
                TorznabQuery.episode("tt0944947", 1, 2, "Show"));
        IndexerOutcome.Found found = assertInstanceOf(IndexerOutcome.Found.class, outcome);
        TorznabItem item = found.items().get(0);
        assertEquals(HASH, item.infoHash());
        assertEquals("EZTV", item.indexer());
        assertEquals(2147483648L, item.size());
        assertEquals(42, item.seeders());
        assertEquals(50, item.peers());
        assertFalse(item.privateTracker());
        assertEquals("magnet:?xt=urn:btih:" + HASH, item.magnet());
        server.takeRequest();
        var search = server.takeRequest().getUrl();
        assertEquals("tt0944947", search.queryParameter("imdbid"));
        assertEquals("1", search.queryParameter("season"));
        assertEquals("2", search.queryParameter("ep"));
        assertEquals("indexer-api-key-123456", search.queryParameter("apikey"));
    }

    @Test
    void capsAreCachedBetweenSearches() {
        routes.put("/jackett/api?t=caps", r -> xml(JACKETT_CAPS));
        routes.put("/jackett/api?t=movie", r -> xml(feed(JACKETT_ITEM)));
        IndexerEndpoint endpoint = endpoint(IndexerKind.JACKETT, "/jackett/api");
        client.search(endpoint, TorznabQuery.movie("tt0111161", null));
        client.search(endpoint, TorznabQuery.movie("tt0111161", null));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void prowlarrPrivateItemWithoutHashIsResolvedThroughItsTorrent() throws Exception {
        byte[] info = TorrentMetainfoTest.multiFileInfo(0);
        byte[] torrent = Bencode.torrent(info, "https://tracker/announce");
        routes.put("/5/api?t=caps", r -> xml(JACKETT_CAPS.replace("Jackett", "Prowlarr")));
        routes.put("/5/api?t=movie", r -> xml(feed("""
                <item><title>Movie.2020.2160p</title>
                  <prowlarrindexer id="5" type="private">PrivateHD</prowlarrindexer>
                  <size>5000</size>
                  <enclosure url="%s" length="5000" type="application/x-bittorrent"/>
                  <torznab:attr name="seeders" value="3"/><torznab:attr name="minimumseedtime" value="172800"/>
                </item>""".formatted(server.url("/dl/1.torrent")))));
        routes.put("/dl/1.torrent", r -> new MockResponse.Builder().body(new Buffer().write(torrent)).build());
        IndexerOutcome.Found found = assertInstanceOf(IndexerOutcome.Found.class,
                client.search(endpoint(IndexerKind.PROWLARR, "/5/api"), TorznabQuery.movie("tt0111161", "Movie")));
        TorznabItem item = found.items().get(0);
        assertEquals(TorrentMetainfoTest.sha1Hex(info), item.infoHash());
        assertEquals("PrivateHD", item.indexer());
        assertTrue(item.privateTracker());
        assertEquals(2, item.files().size());
        assertEquals("Show.S01.1080p/Show.S01E01.mkv", item.files().get(0).path());
    }

    @Test
    void genericIndexerWithoutImdbSupportSearchesByTitleOrSaysWhyNot() throws Exception {
        routes.put("/generic/api?t=caps", r -> xml(GENERIC_CAPS));
        routes.put("/generic/api?t=search", r -> xml(feed("""
                <item><title>Movie 2020</title><link>magnet:?xt=urn:btih:%s&amp;dn=Movie</link>
                  <torznab:attr name="size" value="777"/></item>""".formatted(HASH))));
        IndexerEndpoint endpoint = endpoint(IndexerKind.GENERIC, "/generic/api");
        IndexerOutcome.Found found = assertInstanceOf(IndexerOutcome.Found.class,
                client.search(endpoint, TorznabQuery.episode("tt0944947", 1, 1, "Game of Thrones")));
        assertEquals(HASH, found.items().get(0).infoHash());
        assertEquals("Tiny Tracker", found.items().get(0).indexer());
        assertEquals(777, found.items().get(0).size());
        server.takeRequest();
        assertEquals("Game of Thrones", server.takeRequest().getUrl().queryParameter("q"));

        IndexerOutcome.Found none = assertInstanceOf(IndexerOutcome.Found.class,
                client.search(endpoint, TorznabQuery.movie("tt0111161", null)));
        assertTrue(none.items().isEmpty());
        assertTrue(none.note().contains("no title"), none.note());
    }

    @Test
    void torznabErrorDocumentIsAFailureWithoutTheKey() {
        routes.put("/bad/api?t=caps", r -> xml("<error code=\"100\" description=\"Invalid API Key\"/>"));
        IndexerOutcome.Failed failed = assertInstanceOf(IndexerOutcome.Failed.class,
                client.search(endpoint(IndexerKind.GENERIC, "/bad/api"), TorznabQuery.movie("tt0111161", "x")));
        assertTrue(failed.reason().contains("Invalid API Key"), failed.reason());
        assertFalse(failed.reason().contains("indexer-api-key") || failed.indexer().contains("indexer-api-key"));
    }

    @Test
    void externalEntitiesAreRefused() {
        routes.put("/xxe/api?t=caps", r -> xml("<?xml version=\"1.0\"?><!DOCTYPE caps [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><caps><server title=\"&x;\"/></caps>"));
        IndexerOutcome.Failed failed = assertInstanceOf(IndexerOutcome.Failed.class,
                client.search(endpoint(IndexerKind.GENERIC, "/xxe/api"), TorznabQuery.movie("tt0111161", "x")));
        assertFalse(failed.reason().contains("root:"), failed.reason());
    }

    void feedWithTorrentLink(String path) {
        routes.put("/t/api?t=caps", r -> xml(JACKETT_CAPS));
        routes.put("/t/api?t=movie", r -> xml(feed("<item><title>Linked</title><enclosure url=\"" + server.url(path)
                + "\" type=\"application/x-bittorrent\"/></item>")));
    }

    @Test
    void torrentRedirectToMagnetIsTakenAsTheMagnet() {
        feedWithTorrentLink("/go/1");
        routes.put("/go/1", r -> new MockResponse.Builder().code(302).addHeader("Location", "/go/2").build());
        routes.put("/go/2", r -> new MockResponse.Builder().code(301)
                .addHeader("Location", "magnet:?xt=urn:btih:" + HASH.toUpperCase() + "&dn=Linked").build());
        IndexerOutcome.Found found = assertInstanceOf(IndexerOutcome.Found.class,
                client.search(endpoint(IndexerKind.JACKETT, "/t/api"), TorznabQuery.movie("tt0111161", null)));
        assertEquals(HASH, found.items().get(0).infoHash());
        assertTrue(found.items().get(0).magnet().startsWith("magnet:?xt=urn:btih:"));
    }

    @Test
    void redirectLoopBeyondFiveHopsLeavesTheItemUnresolved() {
        feedWithTorrentLink("/loop");
        routes.put("/loop", r -> new MockResponse.Builder().code(302).addHeader("Location", "/loop").build());
        IndexerOutcome.Found found = assertInstanceOf(IndexerOutcome.Found.class,
                client.search(endpoint(IndexerKind.JACKETT, "/t/api"), TorznabQuery.movie("tt0111161", null)));
        assertTrue(found.items().isEmpty());
        assertEquals(1, found.unresolved());
        assertEquals(2 + 1 + TorrentFetcher.MAX_REDIRECTS, server.getRequestCount());
    }

    @Test
    void torrentOverOneMegabyteIsRefused() {
        feedWithTorrentLink("/big.torrent");
        byte[] big = new byte[(int) TorrentFetcher.MAX_BYTES + 10];
        routes.put("/big.torrent", r -> new MockResponse.Builder().body(new Buffer().write(big)).build());
        IndexerOutcome.Found found = assertInstanceOf(IndexerOutcome.Found.class,
                client.search(endpoint(IndexerKind.JACKETT, "/t/api"), TorznabQuery.movie("tt0111161", null)));
        assertTrue(found.items().isEmpty());
        assertEquals(1, found.unresolved());
    }

    @Test
    void slowIndexerIsDroppedAtTheDeadlineWhileTheOtherAnswers() {
        routes.put("/fast/api?t=caps", r -> xml(JACKETT_CAPS));
        routes.put("/fast/api?t=movie", r -> xml(feed(JACKETT_ITEM)));
        routes.put("/slow/api?t=caps", r -> xml(JACKETT_CAPS).newBuilder().headersDelay(1500, TimeUnit.MILLISECONDS).build());
        routes.put("/broken/api?t=caps", r -> new MockResponse.Builder().code(500).build());
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            TorznabSearch search = new TorznabSearch(client, pool);
            TorznabSearch.Result result = search.searchAll(List.of(endpoint(IndexerKind.JACKETT, "/fast/api"),
                    endpoint(IndexerKind.JACKETT, "/slow/api"), endpoint(IndexerKind.GENERIC, "/broken/api")),
                    TorznabQuery.movie("tt0111161", null), Duration.ofMillis(700));
            assertEquals(1, result.items().size());
            assertEquals(HASH, result.items().get(0).infoHash());
            assertEquals(1, result.dropped().size());
            assertTrue(result.dropped().get(0).endsWith("/slow/api"), result.dropped().toString());
            assertEquals(1, result.failures().size());
            assertTrue(result.failures().get(0).reason().contains("HTTP 500"));
        } finally {
            pool.shutdownNow();
        }
    }
}
