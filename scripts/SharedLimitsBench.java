import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.server.limits.RateBuckets;
import dev.chillproxy.server.limits.RequestLimits;
import dev.chillproxy.server.redis.SharedLimits;
import dev.chillproxy.server.settings.RedisUrl;
import dev.chillproxy.store.http.BudgetLedger;
import dev.chillproxy.store.http.LocalBudgetLedger;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.http.SharedBreakerState;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The cost of shared limits per request: microseconds per acquisition of a TorBox createtorrent budget (three windows,
 * one Lua script), a per-user token bucket and a breaker-state read, in this instance's memory and in Redis, on one
 * thread (latency) and on 8 (throughput). Run through {@code scripts/bench-shared-limits [redis-url] [operations]}.
 * Every subject is fresh, so every acquisition is granted; the keys it wrote are deleted at the end.
 */
public final class SharedLimitsBench {

    private static final List<BudgetLedger.Window> CREATE = List.of(
            new BudgetLedger.Window("all:60000ms:300", 300, Duration.ofMinutes(1)),
            new BudgetLedger.Window("/torrents/createtorrent:3600000ms:60", 60, Duration.ofHours(1)),
            new BudgetLedger.Window("/torrents/createtorrent:60000ms:10", 10, Duration.ofMinutes(1)));

    public static void main(String[] args) throws Exception {
        RedisUrl url = RedisUrl.parse(args.length > 0 ? args[0] : "redis://127.0.0.1:6379/0").orElseThrow();
        int operations = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String run = "bench-" + UUID.randomUUID();
        try (SharedLimits redis = SharedLimits.of(Optional.of(url), () -> 1, Clock.systemUTC(), Ticker.systemTicker())) {
            if (!redis.mode().equals("shared")) {
                throw new IllegalStateException("Redis does not answer at " + url);
            }
            BudgetLedger localLedger = new LocalBudgetLedger(Clock.systemUTC());
            RateBuckets localBuckets = RequestLimits.local(Ticker.systemTicker(), 100_000, () -> 1)
                    .create("user", 1_000_000, 2_000_000);
            RateBuckets redisBuckets = redis.rateBuckets().create(run, 1_000_000, 2_000_000);
            SharedBreakerState breakers = redis.resilience(ResilienceSettings.defaults()).sharedBreakers();

            System.out.printf("%-34s %12s %12s%n", "operation", "µs/op 1 thr", "ops/s 8 thr");
            measure("budget, local (3 windows)", operations, i -> localLedger.tryAcquire(run + ":l" + i % 5_000, CREATE));
            measure("budget, Redis (3 windows, Lua)", operations, i -> redis.ledger().tryAcquire(run + ":r" + i % 5_000, CREATE));
            measure("user rate limit, local", operations, i -> localBuckets.take("u" + i % 5_000));
            measure("user rate limit, Redis (Lua)", operations, i -> redisBuckets.take("u" + i % 5_000));
            measure("breaker state read, Redis (PTTL)", operations, i -> breakers.openFor(StoreName.TORBOX));
        } finally {
            clean(url, run);
        }
    }

    /** Warms up, then times {@code operations} calls on one thread and on 8. */
    private static void measure(String name, int operations, IntConsumer operation) throws Exception {
        for (int i = 0; i < operations / 4; i++) {
            operation.accept(i);
        }
        long started = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            operation.accept(operations + i);
        }
        double micros = (System.nanoTime() - started) / 1_000.0 / operations;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        long parallelStart = System.nanoTime();
        for (int t = 0; t < 8; t++) {
            int offset = (t + 2) * operations;
            done.add(threads.submit(() -> {
                for (int i = 0; i < operations / 8; i++) {
                    operation.accept(offset + i);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        double perSecond = operations / ((System.nanoTime() - parallelStart) / 1e9);
        threads.shutdown();
        System.out.printf("%-34s %12.1f %12.0f%n", name, micros, perSecond);
    }

    private static void clean(RedisUrl url, String run) {
        try (RedisClient client = RedisClient.create(url.uri())) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, new ScanParams().match(SharedLimits.PREFIX + "*" + run + "*").count(1_000));
                page.getResult().forEach(client::del);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }
}
