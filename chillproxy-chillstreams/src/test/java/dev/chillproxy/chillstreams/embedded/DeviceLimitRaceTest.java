package dev.chillproxy.chillstreams.embedded;

import static dev.chillproxy.chillstreams.embedded.PoolFixture.torboxKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.torz.Access.Refusal;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeySource;

/** The device limit is decided in a transaction that cannot be raced, by threads or by a second instance. */
class DeviceLimitRaceTest {

    private static final int CALLERS = 50;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void fiftyConcurrentFirstRequestsFromDistinctDevicesAllowExactlyTheLimit(Engine engine) throws Exception {
        try (PoolFixture f = new PoolFixture(engine)) {
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            String user = f.admin.createUser(null, null).id();

            List<Grant> grants = race(user, List.of(f.pool));

            assertOutcome(grants);
            assertEquals(3, f.admin.getUser(user).devices().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoInstancesOnOneDatabaseStillAllowExactlyTheLimit(Engine engine) throws Exception {
        try (PoolFixture f = new PoolFixture(engine);
             Database second = Database.open(f.test.url())) {
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            f.admin.createPoolKey(torboxKey(2), null, null, null);
            String user = f.admin.createUser(null, null).id();
            EmbeddedPool other = new EmbeddedPool(second, f.cipher, f.clock, 3);

            List<Grant> grants = race(user, List.of(f.pool, other));

            assertOutcome(grants);
            long keys = grants.stream().filter(g -> g instanceof Grant.Allowed)
                    .map(g -> ((Grant.Allowed) g).poolKeyId()).distinct().count();
            assertEquals(1, keys, "one user, one assignment, even when assigned by two instances at once");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void idleDevicesAreReleasedInsideTheLockedDecision(Engine engine) throws Exception {
        try (PoolFixture f = new PoolFixture(engine);
             Database second = Database.open(f.test.url())) {
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            String user = f.admin.createUser(null, null).id();
            for (int i = 0; i < 3; i++) {
                f.get(user, "old-" + i); // idle by the time of the race: their slots must be freed
            }
            f.clock.advance(Duration.ofHours(13));
            EmbeddedPool other = new EmbeddedPool(second, f.cipher, f.clock, 3);

            List<Grant> grants = race(user, List.of(f.pool, other));

            assertOutcome(grants);
            assertEquals(3, f.admin.getUser(user).devices().size(), "idle rows were released, not kept beside new ones");
        }
    }

    private static List<Grant> race(String user, List<KeySource> instances) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Grant>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                KeySource pool = instances.get(i % instances.size());
                GetKeyRequest request = new GetKeyRequest(user, "device-" + i, "stream-list", "");
                futures.add(executor.submit(() -> {
                    start.await();
                    return pool.getKey(request);
                }));
            }
            start.countDown();
            List<Grant> grants = new ArrayList<>();
            for (Future<Grant> future : futures) {
                grants.add(future.get(60, TimeUnit.SECONDS));
            }
            return grants;
        } finally {
            executor.shutdownNow();
        }
    }

    private static void assertOutcome(List<Grant> grants) {
        long allowed = grants.stream().filter(g -> g instanceof Grant.Allowed).count();
        long limited = grants.stream()
                .filter(g -> g instanceof Grant.Denied d && d.reason() == Refusal.DEVICE_LIMIT).count();
        assertEquals(3, allowed, "allowed: " + grants);
        assertEquals(CALLERS - 3, limited, "every other request is refused for the device limit: " + grants);
    }
}
