package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.store.StoreName;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.core.config.IndexerConfig;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.title.TitleParser;
import dev.chillproxy.core.torrent.TorrentFile;
import dev.chillproxy.core.torz.CandidateSource.Candidates;
import dev.chillproxy.server.fakes.FakeIndexer;
import dev.chillproxy.server.torz.index.IndexedTorrent;
import dev.chillproxy.server.torz.index.TorrentIndex;
import dev.chillproxy.server.torz.index.TorrentUrlSealer;
import dev.chillproxy.store.torznab.IndexerEndpoint;
import dev.chillproxy.store.torznab.IndexerKind;
import dev.chillproxy.store.torznab.TorznabClient;
import dev.chillproxy.store.torznab.TorznabSearch;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IndexerCandidateSourceTest {

    private static final String LOCAL = "a".repeat(40);
    private static final String FROM_INDEXER = "b".repeat(40);
    private static final String FROM_USER_INDEXER = "c".repeat(40);
    private static final String PACK_WITHOUT_E02 = "d".repeat(40);
    private static final String PACK_WITH_E02 = "e".repeat(40);
    private static final Duration BUDGET = Duration.ofSeconds(2);
    private static final CompletableFuture<Boolean> GRANTED = CompletableFuture.completedFuture(true);

    @StartStop
    final MockWebServer operatorServer = new MockWebServer();
    @StartStop
    final MockWebServer userServer = new MockWebServer();

    private final FakeIndexer operator = new FakeIndexer(0,
            new FakeIndexer.Item("tt0133093", "The.Matrix.1999.1080p.BluRay.x264-OTHER", FROM_INDEXER, 12_000_000_000L, 10),
            new FakeIndexer.Item("tt0133093", "The.Matrix.1999.2160p.UHD.BluRay.x265-GRP", LOCAL, 40_000_000_000L, 42));
    private final FakeIndexer user = new FakeIndexer(0,
            new FakeIndexer.Item("tt0133093", "The.Matrix.1999.720p.WEB-DL.x264-WEB", FROM_USER_INDEXER, 4_000_000_000L, 5));
    private final TestDatabase db = TestDatabase.sqlite();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private TorrentIndex index;
    private IndexerCandidateSource source;
    private TorznabSearch search;
    private IndexerEndpoint operatorEndpoint;
    private PrivateTorrentLinks privateLinks;

    @BeforeEach
    void wire() {
        db.database().migrate("torz");
        index = new TorrentIndex(db.database(), Clock.systemUTC(),
                new TorrentUrlSealer(PoolKeyCipher.of(PoolKeyCipher.generateKey())));
        privateLinks = new PrivateTorrentLinks(index, Ticker.systemTicker());
        search = new TorznabSearch(new TorznabClient(new OkHttpClient(), BUDGET, "test"), workers);
        operatorServer.setDispatcher(operator);
        userServer.setDispatcher(user);
        String operatorUrl = "http://127.0.0.1:" + operatorServer.getPort() + "/api/v2.0/indexers/all/results/torznab/api?apikey=k";
        operatorEndpoint = new IndexerEndpoint(IndexerKind.JACKETT, operatorUrl, null);
        // the background steps run inline so the test sees what was remembered as soon as find returns
        source = new IndexerCandidateSource(index, search, List.of(operatorEndpoint),
                new ParsedTitles(new TitleParser()), Runnable::run, Runnable::run, privateLinks);
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
        db.close();
    }

    private static TorzConfig config(IndexerConfig... indexers) {
        return new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, "0b6f1a52-3c7e-4d0a-9b1e-2f5c8d9e0a11")), List.of(indexers),
                false, false, "", "");
    }

    private static List<String> hashes(Candidates found) {
        return found.items().stream().map(StreamCandidate::hash).toList();
    }

    @Test
    void theLocalIndexComesFirstAndIndexerResultsAreRemembered() throws Exception {
        index.remember("tt0133093", List.of(new IndexedTorrent(LOCAL, "The.Matrix.1999.2160p.UHD.BluRay.x265-GRP",
                40_000_000_000L, 7, "", false, "", List.of(new TorrentFile(0, "The.Matrix.1999.2160p.mkv", 39_000_000_000L)), null)));

        Candidates found = source.find(StremioId.parse("movie", "tt0133093"), config(), BUDGET, GRANTED);

        assertEquals(List.of(LOCAL, FROM_INDEXER, LOCAL), hashes(found), "duplicates are the lister's business");
        assertEquals("The.Matrix.1999.2160p.mkv", found.items().get(0).file().path(), "the index knows the file");
        assertNull(found.items().get(1).file(), "an indexer result's files are unknown");
        assertEquals("FakeTracker", found.items().get(1).indexer());
        assertTrue(found.dropped().isEmpty(), found.dropped().toString());
        assertTrue(operator.lastQuery().contains("imdbid=tt0133093"), operator.lastQuery());
        List<String> remembered = index.find("tt0133093", "tt0133093").stream().map(IndexedTorrent::hash).toList();
        assertTrue(remembered.containsAll(List.of(LOCAL, FROM_INDEXER)), remembered.toString());
    }

    @Test
    void indexerResultsReachTheSharedIndexWhenTheDeferredWriteRuns() throws Exception {
        List<Runnable> indexWrites = new ArrayList<>();
        IndexerCandidateSource deferring = new IndexerCandidateSource(index, search, List.of(operatorEndpoint),
                new ParsedTitles(new TitleParser()), Runnable::run, indexWrites::add, privateLinks);

        Candidates found = deferring.find(StremioId.parse("movie", "tt0133093"), config(), BUDGET, GRANTED);

        assertTrue(hashes(found).contains(FROM_INDEXER), "the list has them at once");
        assertTrue(index.find("tt0133093", "tt0133093").isEmpty(), "written after the list, not during it");
        indexWrites.forEach(Runnable::run);
        List<String> remembered = index.find("tt0133093", "tt0133093").stream().map(IndexedTorrent::hash).toList();
        assertEquals(Set.copyOf(hashes(found)), Set.copyOf(remembered));
    }

    @Test
    void anIdMappedFromAnAnimeIdAlsoFindsWhatWasFiledUnderTheAnimeId() throws Exception {
        index.remember("kitsu:8671", List.of(new IndexedTorrent(PACK_WITH_E02, "[Grp] Show - 05 [1080p]", 1_000_000_000L, 7,
                "", false, "", List.of(), null)));
        StremioId mapped = StremioId.parse("series", "kitsu:8671:5").mappedTo("tt0133093", 2, 5);

        Candidates found = source.find(mapped, config(), BUDGET, GRANTED);

        assertTrue(hashes(found).contains(PACK_WITH_E02), hashes(found).toString());
        assertTrue(operator.lastQuery().contains("season=2") && operator.lastQuery().contains("ep=5"), operator.lastQuery());
    }

    @Test
    void theOperatorsAndTheUsersIndexersAreBothSearched() throws Exception {
        String userUrl = "http://127.0.0.1:" + userServer.getPort() + "/api";

        Candidates found = source.find(StremioId.parse("movie", "tt0133093"),
                config(new IndexerConfig("generic", userUrl, "user-indexer-key")), BUDGET, GRANTED);

        assertTrue(hashes(found).containsAll(List.of(FROM_INDEXER, FROM_USER_INDEXER)), hashes(found).toString());
        assertEquals(1, operator.searches());
        assertEquals(1, user.searches());
        assertTrue(user.lastQuery().contains("apikey=user-indexer-key"), "the user's key goes to the user's indexer only");
    }

    /** A made-up user id is refused by the pool: the operator's indexers are not spent on it; its own still are. */
    @Test
    void theOperatorsIndexersWaitForAGrantAndAreNotAskedWhenEveryStoreRefused() throws Exception {
        String userUrl = "http://127.0.0.1:" + userServer.getPort() + "/api";
        CompletableFuture<Boolean> refused = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> refused.complete(false), CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));

        Candidates found = source.find(StremioId.parse("movie", "tt0133093"),
                config(new IndexerConfig("generic", userUrl, "user-indexer-key")), BUDGET, refused);

        assertEquals(0, operator.searches(), "no grant, no operator indexer");
        assertEquals(1, user.searches());
        assertTrue(hashes(found).contains(FROM_USER_INDEXER), hashes(found).toString());
        CompletableFuture<Boolean> late = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> late.complete(true), CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        assertTrue(hashes(source.find(StremioId.parse("movie", "tt0133093"), config(), BUDGET, late)).contains(FROM_INDEXER),
                "a grant that arrives while the search runs still lets the operator's indexers answer");
        assertEquals(1, operator.searches());
    }

    @Test
    void anEpisodeSearchAsksForTheSeasonAndEpisode() throws Exception {
        source.find(StremioId.parse("series", "tt0903747:1:2"), config(), BUDGET, GRANTED);

        assertTrue(operator.lastQuery().contains("season=1") && operator.lastQuery().contains("ep=2"), operator.lastQuery());
    }

    @Test
    void kitsuIdsUseTheLocalIndexOnly() throws Exception {
        index.remember("kitsu:11469", List.of(new IndexedTorrent(LOCAL, "[SubsPlease] Show - 05 (1080p).mkv", 1_000_000_000L,
                3, "", false, "", List.of(), null)));

        Candidates found = source.find(StremioId.parse("anime", "kitsu:11469:5"), config(), BUDGET, GRANTED);

        assertEquals(List.of(LOCAL), hashes(found));
        assertEquals(0, operator.searches(), "Torznab indexers search by IMDb id");
    }

    @Test
    void aTorrentWhoseKnownFilesLackTheEpisodeIsLeftOut() throws Exception {
        index.remember("tt0903747", List.of(
                new IndexedTorrent(PACK_WITHOUT_E02, "Breaking.Bad.S01.720p.HDTV.x264-A", 5_000_000_000L, 3, "", false, "",
                        List.of(new TorrentFile(0, "BB.S01/Breaking.Bad.S01E01.mkv", 1L << 30),
                                new TorrentFile(1, "BB.S01/Breaking.Bad.S01E03.mkv", 1L << 30)), null),
                new IndexedTorrent(PACK_WITH_E02, "Breaking.Bad.S01.1080p.BluRay.x264-B", 9_000_000_000L, 3, "", false, "",
                        List.of(new TorrentFile(0, "BB.S01/Breaking.Bad.S01E01.mkv", 1L << 30),
                                new TorrentFile(1, "BB.S01/Breaking.Bad.S01E02.mkv", 1L << 30)), null)));

        Candidates found = source.find(StremioId.parse("series", "tt0903747:1:2"), config(), BUDGET, GRANTED);

        assertEquals(List.of(PACK_WITH_E02), hashes(found));
        assertEquals("BB.S01/Breaking.Bad.S01E02.mkv", found.items().get(0).file().path(), "the episode's file is chosen up front");
        assertEquals("Breaking.Bad.S01.1080p.BluRay.x264-B", found.items().get(0).torrentName());
    }

    @Test
    void aPackNamedWithoutEpisodesIsKeptWhenItsFileHoldsTheEpisode() throws Exception {
        String oddName = "Breaking.Bad.1080p.BluRay.x264-GRP";
        assertFalse(new TitleParser().parse(oddName).coversEpisode(1, 2), "precondition: the name alone says nothing");
        index.remember("tt0903747", List.of(new IndexedTorrent(PACK_WITH_E02, oddName,
                90_000_000_000L, 3, "", false, "", List.of(
                        new TorrentFile(0, "Season 1/Breaking.Bad.S01E01.mkv", 1L << 30),
                        new TorrentFile(1, "Season 1/Breaking.Bad.S01E02.mkv", 1L << 30)), null)));

        Candidates found = source.find(StremioId.parse("series", "tt0903747:1:2"), config(), BUDGET, GRANTED);

        assertEquals(List.of(PACK_WITH_E02), hashes(found));
        assertTrue(found.items().get(0).parsed().coversEpisode(1, 2), "the stream list must not drop it afterwards");
    }

    @Test
    void aFileThatPlayedBeforeIsListedForThatEpisode() throws Exception {
        TorrentFile odd = new TorrentFile(1, "BB.S01/disc1/title01.mkv", 1L << 30);
        index.remember("tt0903747", List.of(new IndexedTorrent(PACK_WITH_E02, "Breaking.Bad.S01.1080p.BluRay.x264-B",
                9_000_000_000L, 3, "", false, "", List.of(new TorrentFile(0, "BB.S01/disc1/title00.mkv", 1L << 30), odd), null)));
        index.tag(PACK_WITH_E02, "tt0903747:1:2", odd);

        Candidates found = source.find(StremioId.parse("series", "tt0903747:1:2"), config(), BUDGET, GRANTED);

        assertEquals(odd, found.items().get(0).file());
    }

    /** After E01 of a pack played, only E01's file is known: an E03 entry must not show E01's name, size or index. */
    @Test
    void anotherEpisodesFileIsNeverShownForThisEpisode() throws Exception {
        TorrentFile e01 = new TorrentFile(0, "Breaking.Bad.S01/Breaking.Bad.S01E01.mkv", 2_000_000_000L);
        index.remember("tt0903747", List.of(new IndexedTorrent(PACK_WITH_E02, "Breaking.Bad.S01.1080p.BluRay.x264-B",
                40_000_000_000L, 3, "", false, "", List.of(e01), null)));

        Candidates found = source.find(StremioId.parse("series", "tt0903747:1:3"), config(), BUDGET, GRANTED);

        assertEquals(List.of(PACK_WITH_E02), hashes(found), "the pack still holds E03");
        assertNull(found.items().get(0).file(), "E01's file is not E03's");
    }

    @Test
    void aShortImdbIdIsAnsweredNotThrown() throws Exception {
        Candidates found = source.find(StremioId.parse("movie", "tt123"), config(), BUDGET, GRANTED);

        assertTrue(found.items().isEmpty());
    }

    @Test
    void aBrokenLocalIndexIsDroppedAndTheIndexersStillAnswer() throws Exception {
        db.database().jdbi().useHandle(handle -> handle.execute("DROP TABLE torz_torrent_ids"));

        Candidates found = source.find(StremioId.parse("movie", "tt0133093"), config(), BUDGET, GRANTED);

        assertEquals(List.of(FROM_INDEXER, LOCAL), hashes(found));
        assertEquals(List.of("local index"), found.dropped());
    }

    private String userUrl() {
        return "http://127.0.0.1:" + userServer.getPort() + "/api";
    }

    @Test
    void aUsersOwnIndexerCannotRewriteWhatOthersSee() throws Exception {
        userServer.setDispatcher(new FakeIndexer(0,
                new FakeIndexer.Item("tt0133093", "Poisoned.Name.2160p.BluRay", LOCAL, 1L, 99_999),
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.720p.WEB-DL.x264-WEB", FROM_USER_INDEXER, 4_000_000_000L, 5)));
        TorzConfig mallory = config(new IndexerConfig("generic", userUrl(), "mallory-key"));

        source.find(StremioId.parse("movie", "tt0133093"), mallory, BUDGET, GRANTED);
        Candidates seenByOthers = source.find(StremioId.parse("movie", "tt0133093"), config(), BUDGET, GRANTED);

        List<IndexedTorrent> shared = index.find("tt0133093", "tt0133093");
        IndexedTorrent local = shared.stream().filter(t -> t.hash().equals(LOCAL)).findFirst().orElseThrow();
        assertEquals("The.Matrix.1999.2160p.UHD.BluRay.x265-GRP", local.name(), "the operator's facts stand");
        assertEquals(42, local.seeders());
        assertFalse(shared.stream().anyMatch(t -> t.hash().equals(FROM_USER_INDEXER)), "a user's results are not shared");
        assertFalse(hashes(seenByOthers).contains(FROM_USER_INDEXER));
        assertFalse(seenByOthers.items().stream().anyMatch(c -> c.torrentName().startsWith("Poisoned")
                || c.seeders() == 99_999), seenByOthers.items().toString());
    }

    @Test
    void aPrivateTorrentFromAUsersIndexerStaysWithThatUser() throws Exception {
        String link = "http://127.0.0.1:9/dl/tracker/?jackett_apikey=alice-indexer-key&path=x&file=Private";
        userServer.setDispatcher(new FakeIndexer(0, new FakeIndexer.Item("tt0133093",
                "The.Matrix.1999.1080p.BluRay.x264-PRV", FROM_USER_INDEXER, 9_000_000_000L, 3, true, link)));
        TorzConfig alice = config(new IndexerConfig("jackett", userUrl(), "alice-indexer-key"));
        TorzConfig bob = config();

        Candidates forAlice = source.find(StremioId.parse("movie", "tt0133093"), alice, BUDGET, GRANTED);
        Candidates forBob = source.find(StremioId.parse("movie", "tt0133093"), bob, BUDGET, GRANTED);

        StreamCandidate found = forAlice.items().stream().filter(c -> c.hash().equals(FROM_USER_INDEXER)).findFirst()
                .orElseThrow();
        assertTrue(found.isPrivate());
        assertEquals(link, found.torrentUrl(), "Alice may upload it");
        assertEquals(link, privateLinks.find(SearchScope.of(alice).finder(), FROM_USER_INDEXER).orElseThrow());
        assertTrue(privateLinks.find(SearchScope.of(bob).finder(), FROM_USER_INDEXER).isEmpty());
        assertFalse(hashes(forBob).contains(FROM_USER_INDEXER));
        String stored = db.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT hash || name || torrent_url FROM torz_torrents")
                .mapTo(String.class).list()).toString();
        assertFalse(stored.contains(FROM_USER_INDEXER) || stored.contains("alice-indexer-key"), stored);
    }

    @Test
    void aP2pConfigNeverSearchesTheOperatorsIndexers() throws Exception {
        TorzConfig p2p = TorzConfig.p2p(List.of(new IndexerConfig("generic", userUrl(), "own-key")), false, false, "",
                "");

        Candidates found = source.find(StremioId.parse("movie", "tt0133093"), p2p, BUDGET, GRANTED);

        assertEquals(0, operator.searches(), "no credential, no operator indexer");
        assertEquals(1, user.searches());
        assertTrue(hashes(found).contains(FROM_USER_INDEXER));
    }
}
