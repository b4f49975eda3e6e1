package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chillproxy.server.fakes.FakeStore;
import dev.chillproxy.server.fakes.FakePool;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.CacheChecker.CacheStatus;
import dev.chillproxy.server.metrics.CacheCounters;
import dev.chillproxy.server.torz.index.MagnetCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.CachedMagnet;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreCacheCheckerTest {

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);
    private static final String POOL_KEY = "pool-key-secret-0123456789";
    private static final Access.Granted POOLED = new Access.Granted(ApiKey.of(POOL_KEY), "pk-3", "user-1", "tb");
    private static final Access.Granted LEGACY = new Access.Granted(ApiKey.of("own-token-secret"), "own-1234", "", "tb");
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final FakeStore torbox = new FakeStore(StoreName.TORBOX);
    private final FakePool pool = new FakePool(new Grant.Allowed(ApiKey.of("unused"), "unused", 1));

    private record Setup(TestDatabase db, MagnetCache cache, StoreCacheChecker checker) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    private Setup setup(Engine engine) {
        TestDatabase db = TestDatabase.create(engine);
        db.database().migrate("torz");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        MagnetCache cache = new MagnetCache(db.database(), clock, Duration.ofHours(24), Duration.ofHours(8));
        return new Setup(db, cache, StoreCacheChecker.writingWith(Runnable::run, torbox.asSet(), cache,
                new KeyProblemReporter(pool, clock), new CacheCounters(new SimpleMeterRegistry(), "magnets")));
    }

    private static CacheCheck.Checked cached(String... hashes) {
        Map<String, CachedMagnet> found = new java.util.HashMap<>();
        for (String hash : hashes) {
            found.put(hash, new CachedMagnet(hash, "name", 1_000, List.of()));
        }
        return new CacheCheck.Checked(found);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void freshAnswersFromTheSharedCacheSkipTheStore(Engine engine) {
        try (Setup s = setup(engine)) {
            remember(s.cache(), "tb", Map.of(A, true, B, false));

            CacheStatus status = s.checker().check(StoreName.TORBOX, POOLED, List.of(A, B), "203.0.113.7");

            assertEquals(new CacheStatus.Known(Set.of(A)), status);
            assertTrue(torbox.calls.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void onlyUnknownHashesGoToTheStoreInOneCallAndTheAnswersAreRemembered(Engine engine) {
        try (Setup s = setup(engine)) {
            remember(s.cache(), "tb", Map.of(A, true));
            remember(s.cache(), "rd", Map.of(B, true));
            torbox.cacheAnswer = cached(C);

            CacheStatus status = s.checker().check(StoreName.TORBOX, POOLED, List.of(A, B, C, B), "203.0.113.7");

            assertEquals(new CacheStatus.Known(Set.of(A, C)), status);
            assertEquals(1, torbox.calls.size());
            FakeStore.Call call = torbox.calls.get(0);
            assertEquals(List.of(B, C), call.argument(), "each unknown hash once; another store's answers do not count");
            assertEquals(POOL_KEY, call.key().reveal(), "asked with the granted key");
            assertEquals("203.0.113.7", call.clientIp());
            assertEquals(Map.of(A, true, B, false, C, true), s.cache().fresh("tb", List.of(A, B, C)),
                    "cached and uncached answers are both remembered");

            s.checker().check(StoreName.TORBOX, POOLED, List.of(A, B, C), "203.0.113.7");
            assertEquals(1, torbox.calls.size(), "the next user is answered from the cache");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void newAnswersServeThisInstanceAtOnceAndOtherInstancesOnceTheTableWriteRan(Engine engine) {
        try (Setup s = setup(engine)) {
            List<Runnable> tableWrites = new ArrayList<>();
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            StoreCacheChecker checker = StoreCacheChecker.writingWith(tableWrites::add, torbox.asSet(), s.cache(),
                    new KeyProblemReporter(pool, clock), new CacheCounters(new SimpleMeterRegistry(), "magnets"));
            MagnetCache otherInstance = new MagnetCache(s.db().database(), clock, Duration.ofHours(24), Duration.ofHours(8));
            torbox.cacheAnswer = cached(A);

            assertEquals(new CacheStatus.Known(Set.of(A)), checker.check(StoreName.TORBOX, POOLED, List.of(A, B), "203.0.113.7"));
            assertEquals(new CacheStatus.Known(Set.of(A)), checker.check(StoreName.TORBOX, POOLED, List.of(A, B), "203.0.113.7"));
            assertEquals(1, torbox.calls.size(), "this instance knows the answers before they are written");
            assertEquals(Map.of(), otherInstance.fresh("tb", List.of(A, B)), "the shared table is written later");

            tableWrites.forEach(Runnable::run);
            assertEquals(Map.of(A, true, B, false), otherInstance.fresh("tb", List.of(A, B)));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aStoreWithoutACacheCheckIsUnsupportedUnlessTheCacheKnowsCachedOnes(Engine engine) {
        try (Setup s = setup(engine)) {
            torbox.cacheAnswer = new CacheCheck.Unsupported(StoreName.TORBOX, "no cache api");
            assertEquals(new CacheStatus.Unsupported(), s.checker().check(StoreName.TORBOX, POOLED, List.of(A, B), "203.0.113.7"));

            remember(s.cache(), "tb", Map.of(A, true));
            assertEquals(new CacheStatus.Known(Set.of(A)), s.checker().check(StoreName.TORBOX, POOLED, List.of(A, B), "203.0.113.7"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRevokedPoolKeyFailsTheCheckAndIsReportedToThePool(Engine engine) {
        try (Setup s = setup(engine)) {
            torbox.failing("checkCached", new StoreException(StoreName.TORBOX, ErrorCode.UNAUTHORIZED, 401, "bad token"));

            CacheStatus.Failed failed = assertInstanceOf(CacheStatus.Failed.class,
                    s.checker().check(StoreName.TORBOX, POOLED, List.of(A), "203.0.113.7"));

            assertTrue(failed.message().startsWith("TB "), failed.message());
            assertFalse(failed.message().contains(POOL_KEY));
            assertEquals(List.of(new FakePool.Problem("pk-3", new KeyProblem.Unauthorized())), pool.problems);
            assertEquals(Map.of(), s.cache().fresh("tb", List.of(A)), "a failure is not an answer");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aThrottledPoolKeyRestsForTheTimeTheStoreAsked(Engine engine) {
        try (Setup s = setup(engine)) {
            torbox.failing("checkCached", new StoreException(StoreName.TORBOX, ErrorCode.TOO_MANY_REQUESTS, 429, null,
                    "slow down", Duration.ofSeconds(90)));

            assertInstanceOf(CacheStatus.Failed.class, s.checker().check(StoreName.TORBOX, POOLED, List.of(A), "203.0.113.7"));

            assertEquals(List.of(new FakePool.Problem("pk-3", new KeyProblem.Throttled(NOW.plusSeconds(90)))), pool.problems);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aUsersOwnTokenIsNotThePoolsBusiness(Engine engine) {
        try (Setup s = setup(engine)) {
            torbox.failing("checkCached", new StoreException(StoreName.TORBOX, ErrorCode.UNAUTHORIZED, 401, "bad token"));

            assertInstanceOf(CacheStatus.Failed.class, s.checker().check(StoreName.TORBOX, LEGACY, List.of(A), "203.0.113.7"));

            assertTrue(pool.problems.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void otherFailuresAreNotKeyProblems(Engine engine) {
        try (Setup s = setup(engine)) {
            torbox.failing("checkCached", new StoreException(StoreName.TORBOX, ErrorCode.STORE_SERVER_DOWN, 502, "gateway"));

            assertInstanceOf(CacheStatus.Failed.class, s.checker().check(StoreName.TORBOX, POOLED, List.of(A), "203.0.113.7"));

            assertTrue(pool.problems.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBrokenMagnetCacheFallsBackToAskingTheStore(Engine engine) {
        try (Setup s = setup(engine)) {
            s.db().database().jdbi().useHandle(handle -> handle.execute("DROP TABLE torz_magnet_cache"));
            torbox.cacheAnswer = cached(A);

            CacheStatus status = s.checker().check(StoreName.TORBOX, POOLED, List.of(A, B), "203.0.113.7");

            assertEquals(new CacheStatus.Known(Set.of(A)), status, "the cache is an optimisation, not a dependency");
            assertEquals(List.of(A, B), torbox.calls.get(0).argument());
        }
    }

    /** The pool's TorBox key is never sent to Real-Debrid's cache check, even for hashes nobody asked about yet. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aPoolKeyIsNeverSentToAnotherStoresCacheCheck(Engine engine) {
        try (Setup s = setup(engine)) {
            FakeStore realDebrid = new FakeStore(StoreName.REALDEBRID);
            realDebrid.cacheAnswer = cached(A);
            StoreCacheChecker onRealDebrid = StoreCacheChecker.writingWith(Runnable::run, realDebrid.asSet(), s.cache(),
                    new KeyProblemReporter(pool, Clock.fixed(NOW, ZoneOffset.UTC)),
                    new CacheCounters(new SimpleMeterRegistry(), "magnets"));

            assertInstanceOf(CacheStatus.Failed.class, onRealDebrid.check(StoreName.REALDEBRID, POOLED, List.of(A), "203.0.113.7"));

            assertTrue(realDebrid.calls.isEmpty(), realDebrid.calls.toString());
            assertTrue(pool.problems.isEmpty());
        }
    }

    /** Answers an earlier check left: in this instance's memory and in the shared table. */
    private static void remember(MagnetCache cache, String store, Map<String, Boolean> answers) {
        cache.note(store, answers);
        cache.share(store, answers);
    }
}
