package dev.chillproxy.server.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.server.settings.RedisUrl;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The real Redis on 127.0.0.1:6379 under a key prefix of its own (several test runs share that Redis), standing in for
 * several instances: each {@link #instance} has its own connection pool, as two servers would. Closing it deletes
 * every key under the prefix.
 */
final class TestRedis implements AutoCloseable {

    static final RedisUrl URL = RedisUrl.parse("redis://127.0.0.1:6379/0").orElseThrow();

    final String prefix = "chillproxy-test:" + UUID.randomUUID() + ":";
    private final RedisClient inspector = RedisClient.create("127.0.0.1", 6379);
    private final List<SharedLimits> instances = new ArrayList<>();

    /** One more instance on this Redis. */
    SharedLimits instance(IntSupplier liveInstances) {
        // generous timeouts: on a loaded test machine one slow answer would send an instance to its local share
        RedisLink link = RedisLink.connect(URL, prefix, Ticker.systemTicker(), Duration.ofSeconds(5));
        SharedLimits limits = SharedLimits.over(link, liveInstances, Clock.systemUTC(), Ticker.systemTicker());
        instances.add(limits);
        return limits;
    }

    SharedLimits instance() {
        return instance(() -> 1);
    }

    /** Every key under this prefix. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = inspector.scan(cursor, new ScanParams().match(prefix + "*").count(500));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    RedisClient inspector() {
        return inspector;
    }

    @Override
    public void close() {
        keys().forEach(inspector::del);
        instances.forEach(SharedLimits::close);
        inspector.close();
    }
}
