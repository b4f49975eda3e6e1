package dev.chillproxy.chillstreams.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.core.torz.Access.Refusal;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.core.secret.ApiKey;
import org.junit.jupiter.api.Test;

class GrantCacheTest {

    private static final GetKeyRequest ALICE_TV = new GetKeyRequest("alice", "tv", "stream-list", "");
    private static final GetKeyRequest ALICE_PHONE = new GetKeyRequest("alice", "phone", "stream-served", "abc");
    private static final GetKeyRequest BOB_TV = new GetKeyRequest("bob", "tv", "stream-list", "");

    private final TestClock clock = new TestClock();
    private final ScriptedPool pool = new ScriptedPool();

    private static Grant.Allowed allowed(String keyId) {
        return new Grant.Allowed(ApiKey.of("secret-key-for-" + keyId), keyId, 1);
    }

    private static Grant.Denied denied(Refusal reason) {
        return new Grant.Denied(reason, "no", null);
    }

    @Test
    void allowedGrantIsReusedUntilTheTtlEnds() {
        GrantCache cache = new GrantCache(pool, pool, Duration.ofSeconds(30), clock::nanos);
        pool.answer(() -> allowed("k1"));

        Grant first = cache.getKey(ALICE_TV);
        clock.advance(Duration.ofSeconds(29));
        assertSame(first, cache.getKey(ALICE_TV));
        assertEquals(1, pool.asked.size());

        clock.advance(Duration.ofSeconds(2));
        cache.getKey(ALICE_TV);
        assertEquals(2, pool.asked.size());
    }

    /** The grants' hit ratio (exported as cache metrics) counts requests answered from memory and those that asked. */
    @Test
    void hitsAndMissesReachTheStatistics() {
        GrantCache cache = new GrantCache(pool, pool, Duration.ofSeconds(30), clock::nanos);
        pool.answer(() -> allowed("k1"));

        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_TV);

        assertEquals(1, pool.asked.size());
        assertEquals(2, cache.statistics().stats().hitCount());
        assertEquals(1, cache.statistics().stats().missCount());
    }

    @Test
    void grantsAreKeptPerUserAndDevice() {
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos);
        pool.answer(() -> allowed("k1"));

        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_PHONE);
        cache.getKey(BOB_TV);
        cache.getKey(new GetKeyRequest("alice", "tv", "stream-list", "another-title"));
        cache.getKey(new GetKeyRequest("alice", "phone", "stream-served", "abc"));

        assertEquals(List.of(ALICE_TV, ALICE_PHONE, BOB_TV), pool.asked);
    }

    /** A Real-Debrid store must never be answered with the TorBox key cached for the same user and device. */
    @Test
    void grantsAreKeptPerServiceSoAKeyNeverAnswersForAnotherService() {
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos);
        pool.answer(() -> allowed("tb-key"));
        pool.answer(() -> new Grant.Allowed(ApiKey.of("rd-secret"), "rd-key", 1, "realdebrid"));
        cache.getKey(ALICE_TV);

        Grant.Allowed rd = (Grant.Allowed) cache.getKey(new GetKeyRequest("alice", "tv", "stream-list", "", "realdebrid"));

        assertEquals("rd-key", rd.poolKeyId());
        assertEquals("realdebrid", rd.service());
        assertEquals("tb-key", ((Grant.Allowed) cache.getKey(ALICE_TV)).poolKeyId());
        assertEquals(2, pool.asked.size());
    }

    /** A playback's grant may be its torrent's own key (affinity): it is cached per torrent, not per device alone. */
    @Test
    void playbackGrantsAreKeptPerTorrent() {
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos);
        pool.answer(() -> allowed("k1"));
        GetKeyRequest other = new GetKeyRequest("alice", "phone", "stream-served", "def");

        cache.getKey(ALICE_PHONE);
        cache.getKey(other);
        cache.getKey(ALICE_PHONE);

        assertEquals(List.of(ALICE_PHONE, other), pool.asked);
    }

    @Test
    void whileTheRevocationFeedIsDownEveryRequestAsksThePool() {
        AtomicBoolean feedUp = new AtomicBoolean(true);
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos, feedUp::get);
        pool.answer(() -> allowed("k1"));
        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_TV);
        assertEquals(1, pool.asked.size());

        feedUp.set(false);
        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_TV);
        assertEquals(3, pool.asked.size());

        feedUp.set(true);
        cache.evictAll(); // the catch-up after the feed came back
        clock.advance(Duration.ofMillis(1));
        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_TV);
        assertEquals(4, pool.asked.size());
    }

    @Test
    void evictAllForgetsEveryUsersGrants() {
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos);
        pool.answer(() -> allowed("k1"));
        cache.getKey(ALICE_TV);
        cache.getKey(BOB_TV);

        cache.evictAll();
        cache.getKey(ALICE_TV);
        cache.getKey(BOB_TV);

        assertEquals(List.of(ALICE_TV, BOB_TV, ALICE_TV, BOB_TV), pool.asked);
    }

    @Test
    void zeroTtlAsksThePoolEveryTime() {
        GrantCache cache = new GrantCache(pool, pool, Duration.ZERO, clock::nanos);
        pool.answer(() -> allowed("k1"));

        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_TV);

        assertEquals(3, pool.asked.size());
    }

    @Test
    void denialIsKeptAtMostFiveSeconds() {
        GrantCache cache = new GrantCache(pool, pool, Duration.ofMinutes(10), clock::nanos);
        pool.answer(() -> denied(Refusal.DEVICE_LIMIT));
        pool.answer(() -> allowed("k1"));

        assertInstanceOf(Grant.Denied.class, cache.getKey(ALICE_TV));
        clock.advance(Duration.ofMillis(4_999));
        assertInstanceOf(Grant.Denied.class, cache.getKey(ALICE_TV));
        assertEquals(1, pool.asked.size());

        clock.advance(Duration.ofMillis(2));
        assertInstanceOf(Grant.Allowed.class, cache.getKey(ALICE_TV));
        assertEquals(2, pool.asked.size());
    }

    @Test
    void denialNeverOutlivesAShortGrantTtl() {
        GrantCache cache = new GrantCache(pool, pool, Duration.ofSeconds(2), clock::nanos);
        pool.answer(() -> denied(Refusal.USER_DISABLED));
        pool.answer(() -> allowed("k1"));

        cache.getKey(ALICE_TV);
        clock.advance(Duration.ofMillis(2_001));

        assertInstanceOf(Grant.Allowed.class, cache.getKey(ALICE_TV));
    }

    @Test
    void unreachablePoolIsAskedAgainOnTheNextRequest() {
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos);
        pool.answer(() -> denied(Refusal.POOL_UNREACHABLE));
        pool.answer(() -> allowed("k1"));

        assertInstanceOf(Grant.Denied.class, cache.getKey(ALICE_TV));
        assertInstanceOf(Grant.Allowed.class, cache.getKey(ALICE_TV));
        assertEquals(2, pool.asked.size());
    }

    @Test
    void evictUserDropsAllOfTheirDevicesAndNobodyElse() {
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos);
        pool.answer(() -> allowed("k1"));
        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_PHONE);
        cache.getKey(BOB_TV);

        cache.evictUser("alice");
        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_PHONE);
        cache.getKey(BOB_TV);

        assertEquals(List.of(ALICE_TV, ALICE_PHONE, BOB_TV, ALICE_TV, ALICE_PHONE), pool.asked);
    }

    @Test
    void grantFetchedWhileTheUserIsRevokedIsNotKept() {
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos);
        // the revocation arrives while the pool is still answering the (older) request
        pool.answer(() -> {
            cache.evictUser("alice");
            return allowed("k1");
        });
        pool.answer(() -> denied(Refusal.USER_DISABLED));

        assertInstanceOf(Grant.Allowed.class, cache.getKey(ALICE_TV));
        assertInstanceOf(Grant.Denied.class, cache.getKey(ALICE_TV));
    }

    @Test
    void evictKeyDropsOnlyGrantsOfThatKey() {
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos);
        pool.answer(() -> allowed("k1"));
        pool.answer(() -> allowed("k2"));
        pool.answer(() -> allowed("k1"));
        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_PHONE);
        cache.getKey(BOB_TV);

        cache.evictKey("k1");
        cache.getKey(ALICE_TV);
        cache.getKey(ALICE_PHONE);
        cache.getKey(BOB_TV);

        assertEquals(List.of(ALICE_TV, ALICE_PHONE, BOB_TV, ALICE_TV, BOB_TV), pool.asked);
    }

    @Test
    void keyProblemEvictsTheKeyAndTellsThePool() {
        GrantCache cache = new GrantCache(pool, pool, GrantCache.DEFAULT_TTL, clock::nanos);
        pool.answer(() -> allowed("k1"));
        pool.answer(() -> allowed("k2"));
        cache.getKey(ALICE_TV);

        cache.reportKeyProblem("k1", new KeyProblem.Unauthorized());

        assertEquals(List.of("k1"), pool.problems);
        assertEquals("k2", ((Grant.Allowed) cache.getKey(ALICE_TV)).poolKeyId());
    }

    @Test
    void negativeTtlIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GrantCache(pool, pool, Duration.ofSeconds(-1), clock::nanos));
    }

    /** A pool that answers from a script; the last answer repeats. */
    private static final class ScriptedPool implements KeySource, KeyProblemSink {
        final List<GetKeyRequest> asked = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        private final Deque<Supplier<Grant>> script = new ArrayDeque<>();

        void answer(Supplier<Grant> answer) {
            script.add(answer);
        }

        @Override
        public Grant getKey(GetKeyRequest request) {
            asked.add(request);
            return (script.size() > 1 ? script.poll() : script.peek()).get();
        }

        @Override
        public void reportKeyProblem(String poolKeyId, KeyProblem problem) {
            problems.add(poolKeyId);
        }
    }

    @Test
    void aRevocationDoesNotWaitForAPoolCallInFlight() throws Exception {
        java.util.concurrent.CountDownLatch inCall = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        KeySource slowPool = new KeySource() {
            @Override
            public Grant getKey(GetKeyRequest request) {
                inCall.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Grant.Allowed(ApiKey.of("pool-key-in-flight-0123456789"), "pk-1", 1);
            }
        };
        GrantCache cache = new GrantCache(slowPool, (keyId, problem) -> { }, GrantCache.DEFAULT_TTL);
        Thread fetching = new Thread(() -> cache.getKey(new GetKeyRequest("user-1", "device-1", "stream-list", "")));
        fetching.start();
        inCall.await();

        Thread revoking = new Thread(() -> {
            cache.evictUser("user-1");
            cache.evictKey("pk-1");
        });
        revoking.start();
        revoking.join(5_000); // a deadlock detector, not a timing assertion
        boolean revokedWhileInFlight = !revoking.isAlive();
        release.countDown();
        fetching.join();

        assertEquals(true, revokedWhileInFlight, "revocation waited for the pool call");
        cache.statistics().cleanUp();
        assertEquals(0, cache.size(), "the grant fetched across the revocation is not kept");
    }
}
