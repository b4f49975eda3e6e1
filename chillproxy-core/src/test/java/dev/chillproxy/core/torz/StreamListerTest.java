package dev.chillproxy.core.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.testing.FakeStoreAccess;
import dev.chillproxy.core.store.StoreName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.stremio.InvalidStremioIdException;
import dev.chillproxy.core.stremio.Stream;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.title.TitleParser;
import dev.chillproxy.core.torrent.TorrentFile;
import dev.chillproxy.core.torz.CacheChecker.CacheStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamListerTest {

    private static final String USER = "0b6f1a52-3c7e-4d0a-9b1e-2f5c8d9e0a11";
    private static final String CFG = "CFG";
    private static final TitleParser PARSER = new TitleParser();
    private static final RequestContext CONTEXT = new RequestContext("203.0.113.7", "device-1");
    private static final Access.Granted TB_GRANT = FakeStoreAccess.granted("tb-pool-key-secret", "pk-tb", USER);
    private static final Access.Granted RD_GRANT = FakeStoreAccess.granted("rd-pool-key-secret", "pk-rd", USER);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final FakeStoreAccess access = new FakeStoreAccess();
    private final FakeChecker checker = new FakeChecker();
    private final FakeSource source = new FakeSource();
    private final StreamLister lister = new StreamLister(source, access, checker, executor, Duration.ofSeconds(5),
            new StreamLinks("http://proxy.test"));

    @AfterEach
    void stop() {
        source.release.countDown();
        executor.shutdownNow();
    }

    @Test
    void aRefusalIsAnsweredWithoutWaitingForASlowCandidateSearch() throws Exception {
        source.blockUntilReleased();
        access.answer("tb", FakeStoreAccess.refused(Access.Refusal.DEVICE_LIMIT, "3 devices already"));

        Listing listing = lister.list(config(false, false, "", "", tb()), CFG, movie(), CONTEXT);

        assertEquals(new Listing.Refused(FakeStoreAccess.refused(Access.Refusal.DEVICE_LIMIT, "3 devices already")), listing);
        // the search may or may not have started by then (a refusal cancels it); either way it never finished
        assertFalse(source.finished, "answered without waiting for the search");
        assertTrue(checker.calls.isEmpty(), "no cache check without a key");
    }

    @Test
    void everyStoreRefusedGivesTheFirstStoresRefusal() throws Exception {
        access.answer("tb", FakeStoreAccess.refused(Access.Refusal.USER_DISABLED, "tb says disabled"));
        access.answer("rd", FakeStoreAccess.refused(Access.Refusal.POOL_UNREACHABLE, "rd pool down"));

        Listing listing = lister.list(config(false, false, "", "", tb(), rd()), CFG, movie(), CONTEXT);

        Listing.Refused refused = assertInstanceOf(Listing.Refused.class, listing);
        assertEquals("tb says disabled", refused.refusal().message());
        assertEquals(Access.Refusal.USER_DISABLED, refused.refusal().reason());
        assertEquals(2, access.calls.size());
        if (source.started.await(1, TimeUnit.SECONDS)) { // a refused list may cancel the search before it starts
            assertFalse(source.granted.join(), "the source learns that no store granted access");
        }
        access.calls.forEach(call -> {
            assertEquals(StreamLister.ACTION, call.action());
            assertEquals("device-1", call.context().deviceId());
        });
    }

    @Test
    void oneStoreGrantedOfTwoIsServedWithThatStoreOnly() throws Exception {
        access.answer("tb", FakeStoreAccess.refused(Access.Refusal.DEVICE_LIMIT, "limit"));
        access.answer("rd", RD_GRANT);
        source.items.add(candidate(hash('a'), "The.Matrix.1999.1080p.BluRay.x264-GRP"));
        checker.answer("rd", new CacheStatus.Known(Set.of(hash('a'))));

        Listing.Served served = assertInstanceOf(Listing.Served.class,
                lister.list(config(false, false, "", "", tb(), rd()), CFG, movie(), CONTEXT));

        assertEquals(List.of(RD_GRANT), served.grants());
        assertTrue(source.granted.join(), "one grant is enough for the operator's indexers");
        assertEquals(1, served.streams().size());
        assertTrue(served.streams().get(0).name().startsWith("⚡️ [RD]"), served.streams().get(0).name());
        assertEquals(List.of("rd"), checker.calls.stream().map(FakeChecker.Call::store).toList());
        assertEquals("203.0.113.7", checker.calls.get(0).clientIp());
        assertEquals(Set.of(hash('a')), served.cached());
    }

    @Test
    void p2pListsTorrentsWithoutAnyStoreCall() throws Exception {
        source.items.add(candidate(hash('a'), "The.Matrix.1999.1080p.BluRay.x264-GRP", file(3, "The.Matrix.1999.1080p.mkv")));
        source.items.add(candidate(hash('b'), "The.Matrix.1999.720p.WEB-DL.x264-WEB"));
        source.items.add(privateCandidate(hash('c'), "The.Matrix.1999.2160p.BluRay.x265-PRV", "http://tracker/t.torrent",
                file(0, "The.Matrix.1999.2160p.mkv")));

        Listing.Served served = assertInstanceOf(Listing.Served.class,
                lister.list(p2pConfig(""), CFG, movie(), CONTEXT));

        assertEquals(1, served.streams().size(), "unknown file and private torrents are left out");
        Stream stream = served.streams().get(0);
        assertEquals(hash('a'), stream.infoHash());
        assertEquals(3, stream.fileIdx());
        assertNull(stream.url());
        assertTrue(access.calls.isEmpty());
        assertTrue(checker.calls.isEmpty());
        assertTrue(served.grants().isEmpty());
    }

    @Test
    void aBadFilterOrSortIsInvalidAndNamesTheProblem() throws Exception {
        Listing badFilter = lister.list(config(false, false, "", "Resolution >= ", tb()), CFG, movie(), CONTEXT);
        Listing badSort = lister.list(config(false, false, "-bitrate", "", tb()), CFG, movie(), CONTEXT);
        Listing unknownField = lister.list(config(false, false, "", "Colour == \"red\"", tb()), CFG, movie(), CONTEXT);

        assertInstanceOf(Listing.Invalid.class, badFilter);
        assertTrue(((Listing.Invalid) badSort).message().contains("bitrate"), ((Listing.Invalid) badSort).message());
        assertTrue(((Listing.Invalid) unknownField).message().contains("Colour"), ((Listing.Invalid) unknownField).message());
        assertTrue(access.calls.isEmpty(), "a request that cannot be served asks nobody");
        assertFalse(source.started.getCount() == 0, "nor searches");
    }

    @Test
    void aFilterTooExpensiveForTheListIsInvalidNotServedUnfiltered() throws Exception {
        access.answer("tb", TB_GRANT);
        for (int i = 0; i < 200; i++) {
            String name = "Some.Movie.2020.1080p.WEB-GRP" + (char) ('A' + i % 26);
            source.items.add(candidate(String.format("%040x", i + 1), name, file(0, name)));
        }
        checker.answer("tb", new CacheStatus.Known(Set.of()));
        // 26 polynomial patterns: no single one is refused, together they would cost seconds of CPU per list
        String filter = String.join(" || ", java.util.Collections.nCopies(26, "Raw.Name matches \".*.*.*.*#\""));

        Listing listing = lister.list(config(false, false, "", filter, tb()), CFG, movie(), CONTEXT);
        Listing p2p = lister.list(p2pConfig(filter), CFG, movie(), CONTEXT);

        String message = assertInstanceOf(Listing.Invalid.class, listing).message();
        assertTrue(message.startsWith("filter too expensive"), message);
        assertInstanceOf(Listing.Invalid.class, p2p);
    }

    @Test
    void everyCacheCheckFailingWithCandidatesIsStoresFailed() throws Exception {
        access.answer("tb", TB_GRANT).answer("rd", RD_GRANT);
        checker.answer("tb", new CacheStatus.Failed("TB could not be asked"));
        checker.answer("rd", new CacheStatus.Failed("RD could not be asked"));
        source.items.add(candidate(hash('a'), "The.Matrix.1999.1080p.BluRay.x264-GRP"));

        Listing listing = lister.list(config(false, false, "", "", tb(), rd()), CFG, movie(), CONTEXT);

        assertEquals(new Listing.StoresFailed("TB could not be asked"), listing);
    }

    @Test
    void oneFailingStoreOfTwoLeavesOnlyItsEntriesOut() throws Exception {
        access.answer("tb", TB_GRANT).answer("rd", RD_GRANT);
        checker.answer("tb", new CacheStatus.Failed("TB could not be asked"));
        checker.answer("rd", new CacheStatus.Unsupported());
        source.items.add(candidate(hash('a'), "The.Matrix.1999.1080p.BluRay.x264-GRP"));

        Listing.Served served = assertInstanceOf(Listing.Served.class,
                lister.list(config(false, false, "", "", tb(), rd()), CFG, movie(), CONTEXT));

        assertEquals(List.of("[RD]\nTorz\n1080p"), names(served));
    }

    @Test
    void nothingFoundIsAnEmptyListNotAFailure() throws Exception {
        access.answer("tb", TB_GRANT);
        checker.answer("tb", new CacheStatus.Failed("never asked"));

        Listing.Served served = assertInstanceOf(Listing.Served.class,
                lister.list(config(false, false, "", "", tb()), CFG, movie(), CONTEXT));

        assertTrue(served.streams().isEmpty());
        assertTrue(checker.calls.isEmpty(), "no hashes, no call");
    }

    @Test
    void duplicatesAcrossSourcesGiveOneEntryPerHashAndTheFirstSourceWins() throws Exception {
        access.answer("tb", TB_GRANT);
        checker.answer("tb", new CacheStatus.Known(Set.of(hash('a'))));
        source.items.add(candidate(hash('a'), "The.Matrix.1999.2160p.BluRay.x265-LOCAL", file(0, "matrix.local.mkv")));
        source.items.add(candidate(hash('b'), "The.Matrix.1999.720p.WEB-DL.x264-WEB"));
        source.items.add(candidate(hash('a'), "The.Matrix.1999.1080p.BluRay.x264-INDEXER"));

        Listing.Served served = assertInstanceOf(Listing.Served.class,
                lister.list(config(false, false, "", "", tb()), CFG, movie(), CONTEXT));

        assertEquals(List.of("⚡️ [TB]\nTorz\n2160p", "[TB]\nTorz\n720p"), names(served));
        assertTrue(served.streams().get(0).url().endsWith("/" + hash('a') + "/0/matrix.local.mkv"));
        assertEquals(List.of(hash('a'), hash('b')), checker.calls.get(0).hashes(), "each hash asked once");
    }

    @Test
    void p2pListsEachTorrentOnceToo() throws Exception {
        source.items.add(candidate(hash('a'), "The.Matrix.1999.2160p.BluRay.x265-LOCAL", file(0, "matrix.local.mkv")));
        source.items.add(candidate(hash('a'), "The.Matrix.1999.1080p.BluRay.x264-INDEXER", file(1, "matrix.mkv")));

        Listing.Served served = assertInstanceOf(Listing.Served.class,
                lister.list(p2pConfig(""), CFG, movie(), CONTEXT));

        assertEquals(1, served.streams().size());
        assertEquals(0, served.streams().get(0).fileIdx(), "the first source's file");
    }

    @Test
    void anEpisodeKeepsPacksRangesAndTheEpisodeAndDropsOtherEpisodesAndSeasons() throws Exception {
        access.answer("tb", TB_GRANT);
        checker.answer("tb", new CacheStatus.Known(Set.of()));
        String[] kept = {
            "Breaking.Bad.S01.1080p.BluRay.x264-GRP",
            "Breaking.Bad.S01E01-E03.720p.HDTV.x264-RNG",
            "Breaking.Bad.S01E02.1080p.WEB-DL.x264-EP",
            "Breaking.Bad.S01-S03.1080p.BluRay.x264-MULTI",
        };
        String[] dropped = {
            "Breaking.Bad.S01E05.1080p.WEB-DL.x264-EP",
            "Breaking.Bad.S02.1080p.BluRay.x264-GRP",
            "Breaking.Bad.S02E02.1080p.WEB-DL.x264-EP",
        };
        char next = 'a';
        for (String name : kept) {
            source.items.add(candidate(hash(next++), name));
        }
        for (String name : dropped) {
            source.items.add(candidate(hash(next++), name));
        }

        Listing.Served served = assertInstanceOf(Listing.Served.class,
                lister.list(config(false, false, "", "", tb()), CFG, episode("tt0903747:1:2"), CONTEXT));

        List<String> listed = served.streams().stream().map(Stream::description)
                .map(description -> description.substring(description.lastIndexOf("📁 ") + "📁 ".length())).toList();
        assertEquals(Set.of(kept), Set.copyOf(listed));
        assertEquals(kept.length, listed.size());
        assertEquals(kept.length, checker.calls.get(0).hashes().size(), "dropped torrents are not even checked");
        for (Stream stream : served.streams()) {
            boolean pack = !stream.description().contains("S01E02.");
            // a pack's own size is no episode's size; only the single-episode release may claim one
            assertEquals(pack, stream.behaviorHints().videoSize() == null, stream.description());
            assertNull(stream.behaviorHints().filename(), "no file is known for any of them");
        }
    }

    @Test
    void cachedOnlyListsNoUncachedEntry() throws Exception {
        access.answer("tb", TB_GRANT);
        checker.answer("tb", new CacheStatus.Known(Set.of(hash('b'))));
        source.items.add(candidate(hash('a'), "The.Matrix.1999.2160p.BluRay.x265-GRP"));
        source.items.add(candidate(hash('b'), "The.Matrix.1999.720p.WEB-DL.x264-WEB"));

        Listing.Served cachedOnly = assertInstanceOf(Listing.Served.class,
                lister.list(config(true, false, "", "", tb()), CFG, movie(), CONTEXT));
        Listing.Served all = assertInstanceOf(Listing.Served.class,
                lister.list(config(false, false, "", "", tb()), CFG, movie(), CONTEXT));

        assertEquals(List.of("⚡️ [TB]\nTorz\n720p"), names(cachedOnly));
        assertEquals(List.of("⚡️ [TB]\nTorz\n720p", "[TB]\nTorz\n2160p"), names(all), "cached first, then the sort");
    }

    @Test
    void uncachedPrivateTorrentsOnlyOnTorBoxWithUncPrvtAndATorrentLink() throws Exception {
        String torrentUrl = "https://tracker.example/download/42.torrent?passkey=abc+/=";
        access.answer("tb", TB_GRANT).answer("rd", RD_GRANT);
        checker.answer("tb", new CacheStatus.Known(Set.of(hash('c'))));
        checker.answer("rd", new CacheStatus.Unsupported());
        source.items.add(privateCandidate(hash('a'), "The.Matrix.1999.2160p.BluRay.x265-PRV", torrentUrl, null));
        source.items.add(privateCandidate(hash('b'), "The.Matrix.1999.1080p.BluRay.x264-PRV", "", null));
        source.items.add(privateCandidate(hash('c'), "The.Matrix.1999.720p.BluRay.x264-PRV", torrentUrl, null));

        Listing.Served withFlag = assertInstanceOf(Listing.Served.class,
                lister.list(config(false, true, "", "", tb(), rd()), CFG, movie(), CONTEXT));
        Listing.Served withoutFlag = assertInstanceOf(Listing.Served.class,
                lister.list(config(false, false, "", "", tb(), rd()), CFG, movie(), CONTEXT));

        assertEquals(List.of("⚡️ [TB] 🔑\nTorz\n720p", "[TB] 🔑\nTorz\n2160p"), names(withFlag),
                "cached private is listed as usual; uncached only on TB and only with a .torrent link");
        assertTrue(withFlag.streams().get(1).url().contains("/tb/" + hash('a') + "-p/-1/"), withFlag.streams().get(1).url());
        assertFalse(withFlag.streams().toString().contains("passkey"), "no torrent URL in any link");
        assertFalse(withFlag.streams().toString().contains(
                Base64.getUrlEncoder().withoutPadding().encodeToString(torrentUrl.getBytes(StandardCharsets.UTF_8))));
        assertTrue(withFlag.streams().get(0).url().contains("/tb/" + hash('c') + "/-1/"), "cached needs no upload");
        assertEquals(List.of("⚡️ [TB] 🔑\nTorz\n720p"), names(withoutFlag));
    }

    @Test
    void urlsCarryTheConfigSegmentAndNeverAKey() throws Exception {
        access.answer("tb", TB_GRANT);
        checker.answer("tb", new CacheStatus.Known(Set.of(hash('a'))));
        source.items.add(candidate(hash('a'), "Breaking.Bad.S01.1080p.BluRay.x264-GRP",
                file(2, "Breaking.Bad.S01/Breaking Bad S01E02.mkv")));

        Listing.Served served = assertInstanceOf(Listing.Served.class,
                lister.list(config(false, false, "", "", tb()), CFG, episode("tt0903747:1:2"), CONTEXT));

        assertEquals("http://proxy.test/stremio/torz/CFG/_/strem/tt0903747%3A1%3A2/tb/" + hash('a')
                + "/2/Breaking%20Bad%20S01E02.mkv", served.streams().get(0).url());
        assertFalse(served.streams().toString().contains("tb-pool-key-secret"));
        assertEquals("torz:" + hash('a'), served.streams().get(0).behaviorHints().bingeGroup());
    }

    // --- helpers and fakes ---

    private static List<String> names(Listing.Served served) {
        return served.streams().stream().map(Stream::name).toList();
    }

    private static StoreConfig tb() {
        return StoreConfig.pooled(StoreName.TORBOX, USER);
    }

    private static StoreConfig rd() {
        return StoreConfig.pooled(StoreName.REALDEBRID, USER);
    }

    private static TorzConfig config(boolean cached, boolean uncachedPrivate, String sort, String filter, StoreConfig... stores) {
        return new TorzConfig(List.of(stores), List.of(), cached, uncachedPrivate, sort, filter);
    }

    private static TorzConfig p2pConfig(String filter) {
        return TorzConfig.p2p(List.of(), false, false, "", filter);
    }

    private static StremioId movie() throws InvalidStremioIdException {
        return StremioId.parse("movie", "tt0133093");
    }

    private static StremioId episode(String id) throws InvalidStremioIdException {
        return StremioId.parse("series", id);
    }

    static String hash(char c) {
        return String.valueOf(c).repeat(40);
    }

    private static TorrentFile file(int index, String path) {
        return new TorrentFile(index, path, 2_000_000_000L);
    }

    @Test
    void anEpisodeMappedFromAnAnimeIdKeepsItsSeasonAndNamesNumberingTheAnimesOwnEpisode() throws Exception {
        // kitsu:45000:1 is the second cour of a season that IMDb numbers on from episode 14
        StremioId id = StremioId.parse("series", "kitsu:45000:1").mappedTo("tt0434665", 17, 14);
        List<StreamCandidate> kept = StreamLister.holdingEpisode(List.of(
                candidate("a".repeat(40), "Bleach S17E14 1080p WEB-DL"),
                candidate("b".repeat(40), "[SubsPlease] Bleach - Sennen Kessen-hen - Ketsubetsu-tan - 01 (1080p)"),
                candidate("c".repeat(40), "Bleach S17 1080p BluRay"),
                candidate("d".repeat(40), "Bleach S16E01 1080p WEB-DL"),
                candidate("e".repeat(40), "Bleach S01E01 1080p WEB-DL"),
                candidate("f".repeat(40), "[SubsPlease] Bleach - 02 (1080p)")), id);
        assertEquals(List.of("a", "b", "c"), kept.stream().map(item -> item.hash().substring(0, 1)).toList());
        StremioId plain = StremioId.parse("series", "tt0434665:17:14");
        assertEquals(2, StreamLister.holdingEpisode(kept, plain).size(), "an IMDb id does not take episode 1 for 14");
    }

    private static StreamCandidate candidate(String hash, String name) {
        return candidate(hash, name, null);
    }

    private static StreamCandidate candidate(String hash, String name, TorrentFile file) {
        return new StreamCandidate(hash, name, PARSER.parse(name), 10_000_000_000L, 10, "Indexer", false, "", file);
    }

    private static StreamCandidate privateCandidate(String hash, String name, String torrentUrl, TorrentFile file) {
        return new StreamCandidate(hash, name, PARSER.parse(name), 10_000_000_000L, 10, "Indexer", true, torrentUrl, file);
    }

    /** Returns the scripted candidates; optionally blocks until the test releases it. */
    private static final class FakeSource implements CandidateSource {
        final List<StreamCandidate> items = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean blocking;
        volatile boolean finished;
        volatile CompletableFuture<Boolean> granted;

        void blockUntilReleased() {
            blocking = true;
        }

        @Override
        public Candidates find(StremioId id, TorzConfig config, Duration budget, CompletableFuture<Boolean> granted) {
            this.granted = granted;
            started.countDown();
            if (blocking) {
                try {
                    release.await(1_500, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            finished = true;
            return new Candidates(new ArrayList<>(items), List.of());
        }
    }

    /** Scripted cache answers per store; records the batches it was asked. */
    private static final class FakeChecker implements CacheChecker {
        record Call(String store, Access.Granted access, List<String> hashes, String clientIp) {
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();
        private final Map<String, CacheStatus> answers = new ConcurrentHashMap<>();

        void answer(String store, CacheStatus status) {
            answers.put(store, status);
        }

        @Override
        public CacheStatus check(StoreName store, Access.Granted access, List<String> hashes, String clientIp) {
            String storeCode = store.code();
            calls.add(new Call(storeCode, access, List.copyOf(hashes), clientIp));
            return answers.get(storeCode);
        }
    }
}
