package dev.chillproxy.chillstreams.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.grant.GrantCache;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A device's request count is every request it made, also those the grant cache answered (issue 12). */
class DeviceRequestCountTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void requestsAnsweredByTheGrantCacheAreCounted(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            f.admin.createPoolKey(PoolFixture.torboxKey(1), null, null, 10);
            String user = f.admin.createUser(null, null).id();
            AtomicLong nanos = new AtomicLong();
            GrantCache cache = new GrantCache(f.pool, f.pool, Duration.ofSeconds(30), nanos::get);

            for (int i = 0; i < 25; i++) {
                cache.getKey(new GetKeyRequest(user, "tv", "stream-list", ""));
            }
            nanos.addAndGet(Duration.ofSeconds(31).toNanos()); // the grant expires: its hits go to the pool
            for (int i = 0; i < 5; i++) {
                cache.getKey(new GetKeyRequest(user, "tv", "stream-list", ""));
            }

            f.pool.persistCounts(); // what the pool's background writer does once a minute
            assertEquals(26, requestCount(f, user), "the first grant's 25 requests and the refetch");
            cache.flushRequestCounts(); // otherwise the live grant's 4 hits are told when it leaves the cache
            assertEquals(30, requestCount(f, user));
        }
    }

    private static long requestCount(PoolFixture f, String user) {
        return f.admin.getUser(user).devices().get(0).requestCount();
    }
}
