package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.store.StoreName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.IndexerConfig;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.server.fakes.FakeIndexer;
import dev.chillproxy.server.fakes.FakeTorBox;
import dev.chillproxy.server.fakes.ServerFixture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared torrent index and torrent links as an attacker sees them, end to end on both databases: a user's own
 * indexer's private torrents and api keys reach no one else, no link carries a torrent URL, old links with one never
 * fetch it, a user's indexer cannot rewrite what others see, and {@code p2p} never uses the operator's indexers.
 */
@Tag("security")
class PrivateTorrentIsolationTest {

    static final String MATRIX_4K = "a".repeat(40);
    static final String OPERATOR_PRIVATE = "b".repeat(40);
    static final String ALICE_PRIVATE = "c".repeat(40);
    static final String MALLORY_ONLY = "d".repeat(40);
    static final String OPERATOR_KEY = "operator-jackett-key-771";
    static final String ALICE_KEY = "alice-jackett-key-456";

    @StartStop
    final MockWebServer torbox = new MockWebServer();
    @StartStop
    final MockWebServer operatorIndexer = new MockWebServer();
    @StartStop
    final MockWebServer ownIndexer = new MockWebServer();
    /** Where the .torrent links point: nothing may ever be fetched from here in these tests. */
    @StartStop
    final MockWebServer trap = new MockWebServer();

    final FakeTorBox fakeTorBox = new FakeTorBox();
    FakeIndexer operator;
    ServerFixture fixture;

    @BeforeEach
    void fakes() {
        trap.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return new MockResponse.Builder().code(404).build();
            }
        });
        fakeTorBox.acceptKey(ServerFixture.KEY_ONE);
        fakeTorBox.cache(new FakeTorBox.Torrent(MATRIX_4K, "The.Matrix.1999.2160p.UHD.BluRay.x265-GRP",
                FakeTorBox.paths("The.Matrix.1999.2160p.mkv"), 40_000_000_000L));
        torbox.setDispatcher(fakeTorBox);
        operator = new FakeIndexer(0,
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.2160p.UHD.BluRay.x265-GRP", MATRIX_4K, 40_000_000_000L, 42),
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.1080p.BluRay.x264-OPRV", OPERATOR_PRIVATE,
                        12_000_000_000L, 8, true, trapLink("op", OPERATOR_KEY)));
        operatorIndexer.setDispatcher(operator);
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(Engine engine, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("TORBOX_API_URL", "http://127.0.0.1:" + torbox.getPort());
        env.put("TORZNAB_INDEXERS", "http://127.0.0.1:" + operatorIndexer.getPort()
                + "/api/v2.0/indexers/all/results/torznab/api?apikey=" + OPERATOR_KEY);
        // users' URLs on this machine are refused unless allowed: let the user's indexer and the trap be reachable,
        // so "never fetched" below is the server's choice, not the address guard's
        env.put("LOCAL_URLS_ALLOWED", "http://127.0.0.1:" + ownIndexer.getPort() + ",http://127.0.0.1:" + trap.getPort());
        fixture = ServerFixture.start(engine, env);
    }

    private String trapLink(String who, String key) {
        return "http://127.0.0.1:" + trap.getPort() + "/dl/" + who + "/?jackett_apikey=" + key + "&path=x&file=Private";
    }

    private String ownIndexerUrl() {
        return "http://127.0.0.1:" + ownIndexer.getPort() + "/api/v2.0/indexers/all/results/torznab/api";
    }

    private static String p2pCfg(List<IndexerConfig> indexers) {
        return ConfigCodec.encode(TorzConfig.p2p(indexers, false, true, "", ""));
    }

    private static String cfg(List<StoreConfig> stores, List<IndexerConfig> indexers) {
        return ConfigCodec.encode(new TorzConfig(stores, indexers, false, true, "", ""));
    }

    private String body(String path) throws Exception {
        try (Response response = fixture.get(path, "Stremio/1")) {
            assertEquals(200, response.code());
            return response.body().string();
        }
    }

    private static List<String> urls(String listJson) throws Exception {
        List<String> urls = new ArrayList<>();
        ServerFixture.JSON.readTree(listJson).get("streams").forEach(s -> urls.add(s.path("url").asText("")));
        return urls;
    }

    /** Every row of the shared index, as text. */
    private String sharedIndex() {
        return fixture.database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT hash || '|' || name || '|' || seeders || '|' || torrent_url FROM torz_torrents")
                .mapTo(String.class).list()).toString();
    }

    private void awaitShared(String hash) throws InterruptedException {
        for (int i = 0; i < 100 && !sharedIndex().contains(hash); i++) {
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aUsersPrivateTorrentAndAnyIndexerKeyReachNoOneElse(Engine engine) throws Exception {
        ownIndexer.setDispatcher(new FakeIndexer(0, new FakeIndexer.Item("tt0133093",
                "The.Matrix.1999.720p.BluRay.x264-APRV", ALICE_PRIVATE, 5_000_000_000L, 3, true, trapLink("alice", ALICE_KEY))));
        start(engine, Map.of());
        fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
        String alice = fixture.addUser();
        String bob = fixture.addUser();
        String aliceCfg = cfg(List.of(StoreConfig.pooled(StoreName.TORBOX, alice)),
                List.of(new IndexerConfig("jackett", ownIndexerUrl(), ALICE_KEY)));
        String bobCfg = cfg(List.of(StoreConfig.pooled(StoreName.TORBOX, bob)), List.of());

        String forAlice = body("/stremio/torz/" + aliceCfg + "/stream/movie/tt0133093.json");
        awaitShared(OPERATOR_PRIVATE);
        String forBob = body("/stremio/torz/" + bobCfg + "/stream/movie/tt0133093.json");

        assertTrue(forAlice.contains(ALICE_PRIVATE + "-p/"), "Alice may upload her own private torrent: " + forAlice);
        assertTrue(forBob.contains(OPERATOR_PRIVATE + "-p/"), "the operator's private torrents serve everyone: " + forBob);
        assertFalse(forBob.contains(ALICE_PRIVATE), "neither the hash nor a link of Alice's torrent: " + forBob);
        for (String list : List.of(forAlice, forBob)) {
            for (String secret : List.of(OPERATOR_KEY, ALICE_KEY, "jackett_apikey", "/dl/",
                    b64(trapLink("alice", ALICE_KEY)), b64(trapLink("op", OPERATOR_KEY)), b64("http://127.0.0.1:" + trap.getPort()))) {
                assertFalse(list.contains(secret), "a list carries " + secret + ": " + list);
            }
            for (String url : urls(list)) {
                // the cfg segment is the user's own config; nothing else in a link may come from an indexer
                String afterCfg = url.substring(url.indexOf("/_/strem/"));
                assertFalse(afterCfg.contains("key") || afterCfg.length() > 200, url);
            }
        }
        String stored = sharedIndex();
        assertTrue(stored.contains(OPERATOR_PRIVATE), stored);
        assertFalse(stored.contains(ALICE_PRIVATE), "a user's own private torrent is not shared: " + stored);
        assertFalse(stored.contains(OPERATOR_KEY) || stored.contains(ALICE_KEY) || stored.contains("/dl/"),
                "no indexer key in clear at rest: " + stored);

        // Bob forges Alice's private upload link: the server has no link for him, and fetches none
        try (Response response = fixture.get("/stremio/torz/" + bobCfg + "/_/strem/tt0133093/tb/" + ALICE_PRIVATE + "-p/-1/",
                "Stremio/1")) {
            assertEquals(302, response.code());
        }
        assertEquals(0, trap.getRequestCount(), "no .torrent link was fetched");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anOldLinkWithATorrentUrlPlaysByHashAndNeverFetchesIt(Engine engine) throws Exception {
        start(engine, Map.of());
        fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
        String user = fixture.addUser();
        String oldSegment = MATRIX_4K + "-" + b64(trapLink("old", "planted-key"));

        String location = fixture.play("/stremio/torz/" + ServerFixture.cfg(user) + "/_/strem/tt0133093/tb/" + oldSegment
                + "/-1/", "Stremio/1");

        assertTrue(location.startsWith("http") && !location.contains("planted-key"), location);
        assertEquals(0, trap.getRequestCount(), "the URL inside an old link is never fetched");
        assertEquals(1, fakeTorBox.calls("createtorrent").size(), "added by hash");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anAnonymousIndexerCannotRewriteWhatOthersSee(Engine engine) throws Exception {
        ownIndexer.setDispatcher(new FakeIndexer(0,
                new FakeIndexer.Item("tt0133093", "Poisoned.Name.480p.CAM", MATRIX_4K, 1L, 99_999),
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.480p.CAM-MAL", MALLORY_ONLY, 1_000_000L, 1)));
        start(engine, Map.of("ENABLE_P2P", "true"));
        fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
        String bob = fixture.addUser();
        String mallory = p2pCfg(
                List.of(new IndexerConfig("generic", ownIndexerUrl(), "")));

        body("/stremio/torz/" + mallory + "/stream/movie/tt0133093.json");
        awaitShared(MALLORY_ONLY);
        String forBob = body("/stremio/torz/" + cfg(List.of(StoreConfig.pooled(StoreName.TORBOX, bob)), List.of())
                + "/stream/movie/tt0133093.json");

        assertFalse(forBob.contains("Poisoned") || forBob.contains("99999") || forBob.contains(MALLORY_ONLY), forBob);
        assertTrue(forBob.contains("The.Matrix.1999.2160p.UHD.BluRay.x265-GRP") && forBob.contains("👤 42"), forBob);
        assertFalse(sharedIndex().contains("Poisoned") || sharedIndex().contains(MALLORY_ONLY), sharedIndex());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void p2pIsOffByDefaultWithThePoolAndNeverCallsTheOperatorsIndexer(Engine engine) throws Exception {
        ownIndexer.setDispatcher(new FakeIndexer(0,
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.480p.CAM-MAL", MALLORY_ONLY, 1_000_000L, 1)));
        start(engine, Map.of());
        String p2p = p2pCfg( List.of(new IndexerConfig("generic", ownIndexerUrl(), "")));

        JsonNode streams = fixture.streams("/stremio/torz/" + p2p + "/stream/movie/tt0133093.json", "Stremio/1");

        assertEquals(1, streams.size(), streams.toString());
        assertTrue(streams.get(0).toString().contains("P2P is off"), streams.toString());
        assertEquals(0, operator.searches(), "the operator's indexer is never asked");
        assertEquals(0, ownIndexer.getRequestCount(), "nor anything else");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void p2pWhenOnSearchesOnlyItsOwnIndexers(Engine engine) throws Exception {
        ownIndexer.setDispatcher(new FakeIndexer(0,
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.480p.CAM-MAL", MALLORY_ONLY, 1_000_000L, 1)));
        start(engine, Map.of("ENABLE_P2P", "true"));
        String p2p = p2pCfg( List.of(new IndexerConfig("generic", ownIndexerUrl(), "")));
        String withoutIndexers = p2pCfg( List.of());

        fixture.streams("/stremio/torz/" + p2p + "/stream/movie/tt0133093.json", "Stremio/1");
        fixture.streams("/stremio/torz/" + withoutIndexers + "/stream/movie/tt0133093.json", "Stremio/1");

        assertEquals(0, operator.searches(), "no credential, no operator indexer");
        assertTrue(ownIndexer.getRequestCount() > 0, "its own indexer is searched");
    }

    private static String b64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
