package dev.chillproxy.core.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.testing.FakeStoreAccess;
import dev.chillproxy.core.torrent.InfoHash;
import dev.chillproxy.core.store.StoreName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.files.FileSelector;
import dev.chillproxy.core.stremio.InvalidStremioIdException;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.title.TitleParser;
import dev.chillproxy.core.torrent.TorrentFile;
import dev.chillproxy.core.torz.DebridGateway.MagnetState;
import dev.chillproxy.core.torz.DebridGateway.PlayableFile;
import dev.chillproxy.core.torz.DebridGateway.PlaybackFailure;
import dev.chillproxy.core.torz.DebridGateway.Progress;
import org.junit.jupiter.api.Test;

class PlaybackResolverTest {

    private static final String ALICE = "0b6f1a52-3c7e-4d0a-9b1e-2f5c8d9e0a11";
    private static final String BOB = "7c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5";
    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
    private static final RequestContext CONTEXT = new RequestContext("203.0.113.7", "device-1");
    private static final Access.Granted ALICE_GRANT = FakeStoreAccess.granted("alice-pool-key", "pk-1", ALICE);
    private static final Access.Granted BOB_GRANT = FakeStoreAccess.granted("bob-pool-key", "pk-2", BOB);
    private static final int POLLS = 3;
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final List<PlayableFile> MOVIE = List.of(
            playable(0, "The.Matrix.1999.1080p/The.Matrix.1999.1080p.mkv", 12_000_000_000L),
            playable(1, "The.Matrix.1999.1080p/Sample/sample.mkv", 50_000_000L),
            playable(2, "The.Matrix.1999.1080p/The.Matrix.1999.1080p.nfo", 2_000L));
    private static final List<PlayableFile> PACK = List.of(
            playable(0, "Breaking.Bad.S01/Breaking.Bad.S01E01.1080p.mkv", 2_000_000_000L),
            playable(1, "Breaking.Bad.S01/Breaking.Bad.S01E02.1080p.mkv", 2_100_000_000L),
            playable(2, "Breaking.Bad.S01/Breaking.Bad.S01E03.1080p.mkv", 3_000_000_000L));

    private final FakeStoreAccess access = new FakeStoreAccess().answer(ALICE, ALICE_GRANT).answer(BOB, BOB_GRANT);
    private final FakeGateway gateway = new FakeGateway();
    private final FakeLinks links = new FakeLinks();
    private final FakeTags tags = new FakeTags();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final PlaybackResolver resolver = new PlaybackResolver(access, gateway, links, tags,
            new FileSelector(new TitleParser()), sleeps::add, POLLS, INTERVAL);

    @Test
    void aRefusedUserSeesTheRefusalsOwnVideoAndTheStoreIsNotCalled() throws Exception {
        access.answer(ALICE, FakeStoreAccess.refused(Access.Refusal.USER_DISABLED, "Your access is disabled."));

        Playback playback = resolver.resolve(request(ALICE, "tt0133093"), CONTEXT);

        assertEquals(new Playback.Failed(ErrorVideo.ACCESS_DISABLED, "Your access is disabled.", null,
                Access.Refusal.USER_DISABLED), playback);
        assertTrue(gateway.calls.isEmpty());
    }

    @Test
    void anUnreachablePoolSaysTheKeyPoolIsUnavailable() throws Exception {
        access.answer(ALICE, FakeStoreAccess.refused(Access.Refusal.POOL_UNREACHABLE, "pool down"));

        Playback.Failed failed = assertInstanceOf(Playback.Failed.class, resolver.resolve(request(ALICE, "tt0133093"), CONTEXT));

        assertEquals(ErrorVideo.POOL_UNAVAILABLE, failed.video());
        assertNull(failed.access());
        assertTrue(gateway.calls.isEmpty());
    }

    @Test
    void aTorrentReadyAtOnceRedirectsAsCachedWithTheFilesBytes() throws Exception {
        gateway.script(ready(MOVIE));

        Playback playback = resolver.resolve(request(ALICE, "tt0133093"), CONTEXT);

        Playback.Redirect redirect = assertInstanceOf(Playback.Redirect.class, playback);
        assertEquals("https://cdn.example/h0?by=pk-1", redirect.url(), "the main video, linked with the same key");
        assertTrue(redirect.cached());
        assertEquals(12_000_000_000L, redirect.bytes());
        assertSame(ALICE_GRANT, redirect.access());
        assertEquals(List.of("add", "state", "link"), gateway.operations());
        gateway.calls.forEach(call -> assertSame(ALICE_GRANT, call.access(), "one key for add, state and link"));
        assertEquals(HASH + "||203.0.113.7", gateway.calls.get(0).argument());
        assertTrue(sleeps.isEmpty());
        FakeStoreAccess.Call authorized = access.calls.get(0);
        assertEquals(PlaybackResolver.ACTION, authorized.action());
        assertEquals(HASH, authorized.hash());
        assertEquals("device-1", authorized.context().deviceId());
    }

    @Test
    void aTorrentStillDownloadingAfterEveryPollShowsTheDownloadingVideo() throws Exception {
        gateway.script(pending());

        Playback.Failed failed = assertInstanceOf(Playback.Failed.class, resolver.resolve(request(ALICE, "tt0133093"), CONTEXT));

        assertEquals(ErrorVideo.DOWNLOADING, failed.video());
        assertSame(ALICE_GRANT, failed.access());
        assertEquals(POLLS, gateway.count("state"));
        assertEquals(List.of(INTERVAL, INTERVAL), sleeps, "no sleep after the last look");
        assertEquals(0, gateway.count("link"));
    }

    @Test
    void aTorrentThatBecomesReadyWhileWaitingIsNotCountedAsCached() throws Exception {
        gateway.script(pending(), ready(MOVIE));

        Playback.Redirect redirect = assertInstanceOf(Playback.Redirect.class,
                resolver.resolve(request(ALICE, "tt0133093"), CONTEXT));

        assertEquals(false, redirect.cached());
        assertEquals(2, gateway.count("state"));
        assertEquals(1, sleeps.size());
    }

    @Test
    void aFailedDownloadShowsTheDownloadFailedVideoAtOnce() throws Exception {
        gateway.script(pending(), new MagnetState(Progress.FAILED, List.of()));

        Playback.Failed failed = assertInstanceOf(Playback.Failed.class, resolver.resolve(request(ALICE, "tt0133093"), CONTEXT));

        assertEquals(ErrorVideo.DOWNLOAD_FAILED, failed.video());
        assertEquals(2, gateway.count("state"), "no poll after a terminal state");
    }

    @Test
    void anEpisodeOfASeasonPackPlaysThatEpisodeNotTheLargestFileAndIsTagged() throws Exception {
        gateway.script(ready(PACK));

        Playback.Redirect redirect = assertInstanceOf(Playback.Redirect.class,
                resolver.resolve(request(ALICE, "tt0903747:1:2"), CONTEXT));

        assertEquals("https://cdn.example/h1?by=pk-1", redirect.url());
        assertEquals(2_100_000_000L, redirect.bytes());
        assertEquals(List.of(new FakeTags.Tag(HASH, "tt0903747:1:2", PACK.get(1).file())), tags.written);
    }

    @Test
    void anEpisodeMissingFromThePackShowsNoMatchingFile() throws Exception {
        gateway.script(ready(List.of(PACK.get(0), PACK.get(2))));

        Playback.Failed failed = assertInstanceOf(Playback.Failed.class,
                resolver.resolve(request(ALICE, "tt0903747:1:2"), CONTEXT));

        assertEquals(ErrorVideo.NO_MATCHING_FILE, failed.video());
        assertTrue(failed.reason().contains("S01E02"), failed.reason());
        assertEquals(0, gateway.count("link"));
        assertTrue(tags.written.isEmpty());
        assertTrue(links.urls.isEmpty());
    }

    @Test
    void aCachedLinkSkipsTheStoreButNotTheAuthorization() throws Exception {
        gateway.script(ready(MOVIE));
        PlaybackRequest request = request(ALICE, "tt0133093");
        Playback first = resolver.resolve(request, CONTEXT);

        Playback.Redirect again = assertInstanceOf(Playback.Redirect.class, resolver.resolve(request, CONTEXT));
        assertEquals(((Playback.Redirect) first).url(), again.url());
        assertEquals(((Playback.Redirect) first).bytes(), again.bytes(), "a cache hit still reports the bytes served");
        assertTrue(again.bytes() > 0);
        assertEquals(3, gateway.calls.size(), "no second add, state or link");
        assertEquals(2, access.calls.size(), "authorized on every call");

        access.answer(ALICE, FakeStoreAccess.refused(Access.Refusal.USER_DISABLED, "disabled"));
        Playback.Failed revoked = assertInstanceOf(Playback.Failed.class, resolver.resolve(request, CONTEXT));
        assertEquals(ErrorVideo.ACCESS_DISABLED, revoked.video(), "revocation is instant even with a cached link");
    }

    @Test
    void theSameFilePlayedThroughTorBoxThenRealDebridGetsEachServicesOwnLink() throws Exception {
        // per-service pools may number their keys alike: the key id alone does not tell the services apart
        FakeStoreAccess perStore = new FakeStoreAccess()
                .answer("tb", new Access.Granted(ApiKey.of("tb-pool-key"), "pk-1", ALICE, "tb"))
                .answer("rd", new Access.Granted(ApiKey.of("rd-pool-key"), "pk-1", ALICE, "rd"));
        PlaybackResolver twoStores = new PlaybackResolver(perStore, gateway, links, tags,
                new FileSelector(new TitleParser()), sleeps::add, POLLS, INTERVAL);
        gateway.script(ready(MOVIE));

        Playback.Redirect viaTorBox = assertInstanceOf(Playback.Redirect.class,
                twoStores.resolve(request(StoreName.TORBOX, "tt0133093"), CONTEXT));
        Playback.Redirect viaRealDebrid = assertInstanceOf(Playback.Redirect.class,
                twoStores.resolve(request(StoreName.REALDEBRID, "tt0133093"), CONTEXT));

        assertEquals("https://cdn.example/h0?by=pk-1", viaTorBox.url());
        assertEquals("https://rd.cdn.example/h0?by=pk-1", viaRealDebrid.url(), "Real-Debrid's own link, not TorBox's");
        assertEquals(List.of(StoreName.TORBOX, StoreName.REALDEBRID),
                gateway.calls.stream().filter(call -> call.operation().equals("link")).map(FakeGateway.Call::store).toList());
        assertTrue(links.urls.keySet().stream().noneMatch(key -> key.contains("pool-key")), "the key is never in a cache key");

        Playback.Redirect again = assertInstanceOf(Playback.Redirect.class,
                twoStores.resolve(request(StoreName.REALDEBRID, "tt0133093"), CONTEXT));
        assertEquals("https://rd.cdn.example/h0?by=pk-1", again.url(), "a replay hits the store's own cached link");
        assertEquals(2, gateway.count("link"));
    }

    @Test
    void aUserMovedToAnotherKeyResolvesAgainWithTheNewKey() throws Exception {
        gateway.script(ready(MOVIE));
        PlaybackRequest request = request(ALICE, "tt0133093");
        resolver.resolve(request, CONTEXT);
        Access.Granted newKey = FakeStoreAccess.granted("alice-new-key", "pk-9", ALICE);
        access.answer(ALICE, newKey);

        Playback.Redirect redirect = assertInstanceOf(Playback.Redirect.class, resolver.resolve(request, CONTEXT));

        assertEquals("https://cdn.example/h0?by=pk-9", redirect.url());
        assertEquals(2, gateway.count("add"));
        assertSame(newKey, gateway.calls.get(gateway.calls.size() - 1).access(), "the key that adds is the key that links");
    }

    @Test
    void concurrentCallsForTheSameUserTorrentAndFileShareOneResolution() throws Exception {
        gateway.script(ready(MOVIE));
        gateway.holdAdds();
        PlaybackRequest request = request(ALICE, "tt0133093");
        AtomicReference<Playback> first = new AtomicReference<>();
        AtomicReference<Playback> second = new AtomicReference<>();
        Thread head = new Thread(() -> first.set(resolver.resolve(request, CONTEXT)));
        Thread get = new Thread(() -> second.set(resolver.resolve(request, CONTEXT)));

        head.start();
        assertTrue(gateway.addEntered.await(2, TimeUnit.SECONDS));
        get.start();
        awaitWaiting(get);
        gateway.releaseAdds.countDown();
        head.join(2_000);
        get.join(2_000);

        assertEquals(1, gateway.count("add"));
        assertEquals(first.get(), second.get());
        assertInstanceOf(Playback.Redirect.class, second.get());
    }

    @Test
    void differentUsersDoNotShareAResolution() throws Exception {
        gateway.script(ready(MOVIE));
        gateway.expectConcurrentAdds(2);
        List<Playback> results = new CopyOnWriteArrayList<>();
        PlaybackRequest forAlice = request(ALICE, "tt0133093");
        PlaybackRequest forBob = request(BOB, "tt0133093");
        Thread alice = new Thread(() -> results.add(resolver.resolve(forAlice, CONTEXT)));
        Thread bob = new Thread(() -> results.add(resolver.resolve(forBob, CONTEXT)));

        alice.start();
        bob.start();
        alice.join(2_000);
        bob.join(2_000);

        assertEquals(2, gateway.count("add"), "each user adds with their own key");
        assertEquals(2, gateway.concurrentAddsSeen.get(), "both adds were in flight at once");
        assertEquals(2, results.size());
        List<String> urls = results.stream().map(p -> ((Playback.Redirect) p).url()).sorted().toList();
        assertEquals(List.of("https://cdn.example/h0?by=pk-1", "https://cdn.example/h0?by=pk-2"), urls);
    }

    @Test
    void storeFailuresShowTheirVideo() throws Exception {
        gateway.addFailure = new PlaybackFailure(ErrorVideo.PAYMENT_REQUIRED, "tb: PAYMENT_REQUIRED");
        Playback.Failed onAdd = assertInstanceOf(Playback.Failed.class, resolver.resolve(request(ALICE, "tt0133093"), CONTEXT));
        assertEquals(new Playback.Failed(ErrorVideo.PAYMENT_REQUIRED, "tb: PAYMENT_REQUIRED", ALICE_GRANT), onAdd);

        gateway.addFailure = null;
        gateway.stateFailure = new PlaybackFailure(ErrorVideo.TOO_MANY_REQUESTS, "tb: TOO_MANY_REQUESTS");
        assertEquals(ErrorVideo.TOO_MANY_REQUESTS,
                ((Playback.Failed) resolver.resolve(request(ALICE, "tt0133093"), CONTEXT)).video());

        gateway.stateFailure = null;
        gateway.script(ready(MOVIE));
        gateway.linkFailure = new PlaybackFailure(ErrorVideo.UNAUTHORIZED, "tb: UNAUTHORIZED");
        assertEquals(ErrorVideo.UNAUTHORIZED, ((Playback.Failed) resolver.resolve(request(ALICE, "tt0133093"), CONTEXT)).video());
        assertTrue(links.urls.isEmpty(), "a failure is not cached");
        assertTrue(tags.written.isEmpty());
    }

    @Test
    void neitherTheLargestGuessNorAFileTheLinkNamedIsRecordedForEveryone() throws Exception {
        List<PlayableFile> twoParts = List.of(
                playable(0, "Kill.Bill.2003.1080p/Kill.Bill.Vol.1.mkv", 5_000_000_000L),
                playable(1, "Kill.Bill.2003.1080p/Kill.Bill.Vol.2.mkv", 6_000_000_000L));
        gateway.script(ready(twoParts));

        Playback.Redirect largest = assertInstanceOf(Playback.Redirect.class,
                resolver.resolve(request(ALICE, "tt0266697"), CONTEXT));
        assertEquals("https://cdn.example/h1?by=pk-1", largest.url());
        assertTrue(tags.written.isEmpty(), "the largest file is a guess, not a fact to record");

        PlaybackRequest named = new PlaybackRequest(StoreConfig.pooled(StoreName.TORBOX, ALICE), StremioId.parse("movie", "tt0266697"),
                new InfoHash(HASH), Optional.empty(), OptionalInt.of(0), Optional.of("Kill.Bill.Vol.1.mkv"));
        Playback.Redirect byName = assertInstanceOf(Playback.Redirect.class, resolver.resolve(named, CONTEXT));
        assertEquals("https://cdn.example/h0?by=pk-1", byName.url());
        assertTrue(tags.written.isEmpty(), "a link's file name is the caller's word, not a fact for every user");

        PlaybackRequest byIndex = new PlaybackRequest(StoreConfig.pooled(StoreName.TORBOX, ALICE),
                StremioId.parse("series", "tt0903747:1:2"), new InfoHash(HASH), Optional.empty(), OptionalInt.of(0),
                Optional.empty());
        gateway.script(ready(PACK));
        assertInstanceOf(Playback.Redirect.class, resolver.resolve(byIndex, CONTEXT));
        assertEquals(List.of(new FakeTags.Tag(HASH, "tt0903747:1:2", PACK.get(1).file())), tags.written,
                "the episode found in the file names is recorded, not the index 0 the link asked for");
    }

    @Test
    void aKnownFileIsPlayedAndNotTaggedAgain() throws Exception {
        List<PlayableFile> oddNames = List.of(
                playable(0, "BB/disc1/title00.mkv", 2_000_000_000L),
                playable(1, "BB/disc1/title01.mkv", 2_500_000_000L));
        tags.known.put(HASH + "|tt0903747:1:2", "BB/disc1/title00.mkv");
        gateway.script(ready(oddNames));

        Playback.Redirect redirect = assertInstanceOf(Playback.Redirect.class,
                resolver.resolve(request(ALICE, "tt0903747:1:2"), CONTEXT));

        assertEquals("https://cdn.example/h0?by=pk-1", redirect.url());
        assertTrue(tags.written.isEmpty());
    }

    @Test
    void aPrivateTorrentLinkIsHandedToTheStore() throws Exception {
        gateway.script(ready(MOVIE));
        PlaybackRequest request = new PlaybackRequest(StoreConfig.pooled(StoreName.TORBOX, ALICE), StremioId.parse("movie", "tt0133093"),
                new InfoHash(HASH), Optional.of("https://tracker.example/42.torrent"), OptionalInt.empty(), Optional.empty());

        resolver.resolve(request, CONTEXT);

        assertEquals(HASH + "|https://tracker.example/42.torrent|203.0.113.7", gateway.calls.get(0).argument());
    }

    // --- helpers and fakes ---

    private static PlaybackRequest request(String user, String id) throws InvalidStremioIdException {
        return request(StoreConfig.pooled(StoreName.TORBOX, user), id);
    }

    /** Alice's playback through {@code store}'s pool. */
    private static PlaybackRequest request(StoreName store, String id) throws InvalidStremioIdException {
        return request(StoreConfig.pooled(store, ALICE), id);
    }

    private static PlaybackRequest request(StoreConfig store, String id) throws InvalidStremioIdException {
        String type = id.contains(":") ? "series" : "movie";
        return new PlaybackRequest(store, StremioId.parse(type, id), new InfoHash(HASH), Optional.empty(),
                OptionalInt.empty(), Optional.empty());
    }

    private static PlayableFile playable(int index, String path, long size) {
        return new PlayableFile(new TorrentFile(index, path, size), "h" + index);
    }

    private static MagnetState ready(List<PlayableFile> files) {
        return new MagnetState(Progress.READY, files);
    }

    private static MagnetState pending() {
        return new MagnetState(Progress.PENDING, List.of());
    }

    /** Waits (without sleeping) until the thread blocks; the only places it can block are the shared wait or an add. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** A store with scripted magnet states (the last one repeats); links name the key id that made them. */
    private static final class FakeGateway implements DebridGateway {
        record Call(String operation, Access.Granted access, String argument, StoreName store) {
            Call(String operation, Access.Granted access, String argument) {
                this(operation, access, argument, StoreName.TORBOX);
            }
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch addEntered = new CountDownLatch(1);
        final CountDownLatch releaseAdds = new CountDownLatch(1);
        final AtomicInteger concurrentAddsSeen = new AtomicInteger();
        private final AtomicInteger addsInFlight = new AtomicInteger();
        private final Map<String, AtomicInteger> polled = new ConcurrentHashMap<>();
        private volatile List<MagnetState> states = List.of();
        private volatile boolean holdAdds;
        private volatile CountDownLatch concurrentAdds;
        volatile PlaybackFailure addFailure;
        volatile PlaybackFailure stateFailure;
        volatile PlaybackFailure linkFailure;

        void script(MagnetState... sequence) {
            states = List.of(sequence);
        }

        void holdAdds() {
            holdAdds = true;
        }

        void expectConcurrentAdds(int parties) {
            concurrentAdds = new CountDownLatch(parties);
        }

        List<String> operations() {
            return calls.stream().map(Call::operation).toList();
        }

        long count(String operation) {
            return calls.stream().filter(call -> call.operation().equals(operation)).count();
        }

        @Override
        public String add(StoreName store, Access.Granted access, String hash, Optional<String> privateFinder, String clientIp)
                throws PlaybackFailure {
            calls.add(new Call("add", access, hash + "|" + privateFinder.orElse("") + "|" + clientIp));
            concurrentAddsSeen.accumulateAndGet(addsInFlight.incrementAndGet(), Math::max);
            try {
                addEntered.countDown();
                if (holdAdds) {
                    await(releaseAdds);
                }
                CountDownLatch together = concurrentAdds;
                if (together != null) {
                    together.countDown();
                    await(together);
                }
            } finally {
                addsInFlight.decrementAndGet();
            }
            if (addFailure != null) {
                throw addFailure;
            }
            String magnetId = "m" + calls.size();
            polled.put(magnetId, new AtomicInteger());
            return magnetId;
        }

        @Override
        public MagnetState state(StoreName store, Access.Granted access, String magnetId) throws PlaybackFailure {
            calls.add(new Call("state", access, magnetId));
            if (stateFailure != null) {
                throw stateFailure;
            }
            int look = polled.get(magnetId).getAndIncrement();
            return states.get(Math.min(look, states.size() - 1));
        }

        @Override
        public String link(StoreName store, Access.Granted access, String linkHandle, String clientIp) throws PlaybackFailure {
            calls.add(new Call("link", access, linkHandle, store));
            if (linkFailure != null) {
                throw linkFailure;
            }
            String cdn = store == StoreName.TORBOX ? "cdn.example" : store.code() + ".cdn.example";
            return "https://" + cdn + "/" + linkHandle + "?by=" + access.keyId();
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class FakeLinks implements PlaybackPorts.LinkCache {
        final Map<String, PlaybackPorts.ResolvedLink> urls = new ConcurrentHashMap<>();

        @Override
        public Optional<PlaybackPorts.ResolvedLink> get(String key) {
            return Optional.ofNullable(urls.get(key));
        }

        @Override
        public void put(String key, PlaybackPorts.ResolvedLink link) {
            urls.put(key, link);
        }
    }

    private static final class FakeTags implements PlaybackPorts.FileTags {
        record Tag(String hash, String stremioId, TorrentFile file) {
        }

        final Map<String, String> known = new ConcurrentHashMap<>();
        final List<Tag> written = new ArrayList<>();

        @Override
        public Optional<String> knownPath(String hash, String stremioId) {
            return Optional.ofNullable(known.get(hash + "|" + stremioId));
        }

        @Override
        public synchronized void tag(String hash, String stremioId, TorrentFile file) {
            written.add(new Tag(hash, stremioId, file));
        }
    }
}
