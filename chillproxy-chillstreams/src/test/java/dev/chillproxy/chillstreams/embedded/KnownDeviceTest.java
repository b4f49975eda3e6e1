package dev.chillproxy.chillstreams.embedded;

import static dev.chillproxy.chillstreams.embedded.PoolFixture.torboxKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.grant.GrantCache;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.core.torz.Access.Refusal;

/** A known device's get-key reads and never writes; limits and revocations stay exact. */
class KnownDeviceTest {

    /** Counts statements that write (or open a write transaction) run through the fixture's Jdbi. */
    private static AtomicInteger countWrites(PoolFixture f) {
        AtomicInteger writes = new AtomicInteger();
        f.database().jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                String sql = context.getRawSql().strip().toUpperCase(Locale.ROOT);
                if (sql.startsWith("INSERT") || sql.startsWith("UPDATE") || sql.startsWith("DELETE") || sql.startsWith("BEGIN")) {
                    writes.incrementAndGet();
                }
            }
        });
        return writes;
    }

    private static DeviceView device(PoolFixture f, String user, String deviceId) {
        return f.admin.getUser(user).devices().stream().filter(d -> d.deviceId().equals(deviceId)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKnownDevicesGetKeyWritesNothingUntilTheBackgroundWrite(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            String user = f.admin.createUser(null, null).id();
            assertInstanceOf(Grant.Allowed.class, f.get(user, "tv")); // a new device: the locked path writes its slot
            DeviceView first = device(f, user, "tv");
            AtomicInteger writes = countWrites(f);

            for (int i = 0; i < 10; i++) {
                f.clock.advance(Duration.ofSeconds(5));
                assertInstanceOf(Grant.Allowed.class, f.get(user, "tv"));
            }

            assertEquals(0, writes.get(), "ten get-keys of a known device, no write");
            assertEquals(first.lastSeen(), device(f, user, "tv").lastSeen(), "last_seen unchanged within the minute");
            f.pool.persistCounts(); // what the background writer does once a minute
            assertEquals(1, writes.get(), "one write for the ten requests");
            assertEquals(first.lastSeen().plusSeconds(50), device(f, user, "tv").lastSeen());
            assertEquals(11, device(f, user, "tv").requestCount());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDeviceInUseKeepsItsSlotAndAnIdleOneIsReleasedWithTheCoarseLastSeen(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            String user = f.admin.createUser(null, null).id();
            EmbeddedPool oneDevice = new EmbeddedPool(f.database(), f.cipher, f.clock, 1);
            GetKeyRequest tv = new GetKeyRequest(user, "tv", "stream-list", "");
            GetKeyRequest phone = new GetKeyRequest(user, "phone", "stream-list", "");
            assertInstanceOf(Grant.Allowed.class, oneDevice.getKey(tv));
            for (int minute = 0; minute < 13 * 60; minute += 10) { // watched all day, written once a minute at most
                f.clock.advance(Duration.ofMinutes(10));
                assertInstanceOf(Grant.Allowed.class, oneDevice.getKey(tv));
                oneDevice.persistCounts();
            }
            Grant.Denied denied = assertInstanceOf(Grant.Denied.class, oneDevice.getKey(phone));
            assertEquals(Refusal.DEVICE_LIMIT, denied.reason(), "the tv in use still holds the only slot after 13 h");

            f.clock.advance(Duration.ofHours(12).plusMinutes(1)); // the tv is idle now

            assertInstanceOf(Grant.Allowed.class, oneDevice.getKey(phone));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDisabledUserIsRefusedOnTheNextCallEvenWhenTheGrantIsCached(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            GrantCache cache = new GrantCache(f.pool, f.pool, Duration.ofMinutes(5));
            PoolAdmin admin = new PoolAdmin(f.database(), f.cipher, f.clock, null, new PoolChanges() {
                @Override
                public void userChanged(String userId) {
                    cache.evictUser(userId);
                }

                @Override
                public void keyRetired(String poolKeyId) {
                    cache.evictKey(poolKeyId);
                }
            });
            String one = admin.createPoolKey(torboxKey(1), null, null, null).id();
            String two = admin.createPoolKey(torboxKey(2), null, null, null).id();
            String user = admin.createUser(null, null).id();
            GetKeyRequest tv = new GetKeyRequest(user, "tv", "stream-list", "");
            String first = PoolFixture.keyIdOf(cache.getKey(tv));
            assertEquals(first, PoolFixture.keyIdOf(cache.getKey(tv)), "answered from memory");

            admin.retirePoolKey(first);
            assertEquals(first.equals(one) ? two : one, PoolFixture.keyIdOf(cache.getKey(tv)),
                    "a retired key is not handed out again");

            admin.setUserStatus(user, "disabled");
            assertEquals(Refusal.USER_DISABLED, assertInstanceOf(Grant.Denied.class, cache.getKey(tv)).reason());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theDeviceLimitStaysExactWhenKnownDevicesAreAnsweredFromMemory(Engine engine) throws Exception {
        try (PoolFixture f = new PoolFixture(engine)) {
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            String user = f.admin.createUser(null, null).id();
            GrantCache cache = new GrantCache(f.pool, f.pool, Duration.ofMinutes(5));
            assertInstanceOf(Grant.Allowed.class, cache.getKey(new GetKeyRequest(user, "known-0", "stream-list", "")));
            assertInstanceOf(Grant.Allowed.class, f.get(user, "known-1")); // known to the pool, not to the cache

            List<Grant> grants = new ArrayList<>();
            ExecutorService executor = Executors.newFixedThreadPool(16);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Grant>> futures = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    String device = i % 3 == 2 ? "new-" + i : "known-" + (i % 3);
                    futures.add(executor.submit(() -> {
                        start.await();
                        return cache.getKey(new GetKeyRequest(user, device, "stream-list", ""));
                    }));
                }
                start.countDown();
                for (Future<Grant> future : futures) {
                    grants.add(future.get(60, TimeUnit.SECONDS));
                }
            } finally {
                executor.shutdownNow();
            }

            long allowed = grants.stream().filter(g -> g instanceof Grant.Allowed).count();
            long limited = grants.stream().filter(g -> g instanceof Grant.Denied d && d.reason() == Refusal.DEVICE_LIMIT).count();
            assertEquals(40 + 1, allowed, "both known devices always allowed, exactly one new device admitted: " + grants);
            assertEquals(20 - 1, limited, "every other new device refused");
            f.pool.persistCounts();
            assertEquals(3, f.admin.getUser(user).devices().size());
            assertTrue(f.admin.getUser(user).devices().stream().anyMatch(d -> d.deviceId().startsWith("new-")));
        }
    }
}
