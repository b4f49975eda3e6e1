package dev.chillproxy.server.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.chillproxy.server.limits.RateBuckets;

/**
 * Token buckets in Redis, shared by every instance: the same GCRA as the local buckets, one key per limit and client
 * (an IP or a user key), updated by one Lua script ({@code token-bucket.lua}) on Redis's clock and expiring once the
 * bucket is full again. While Redis is unreachable the {@code fallback} (this instance's share) decides. Thread-safe.
 */
final class RedisRateBuckets implements RateBuckets {

    private static final LuaScript SCRIPT = LuaScript.load("token-bucket.lua");

    private final RedisLink link;
    private final String name;
    private final List<String> args;
    private final RateBuckets fallback;

    RedisRateBuckets(RedisLink link, String name, int ratePerSecond, int burst, RateBuckets fallback) {
        this.link = Objects.requireNonNull(link, "link");
        this.name = Objects.requireNonNull(name, "name");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        long intervalMicros = Math.max(1, TimeUnit.SECONDS.toMicros(1) / ratePerSecond);
        this.args = List.of(Long.toString(intervalMicros), Long.toString(intervalMicros * burst));
    }

    @Override
    public Optional<Duration> take(String key) {
        Optional<Long> waitMicros = link.run(SCRIPT, List.of(link.key("rate:" + name + ":{" + key + "}")), args,
                raw -> (Long) raw);
        if (waitMicros.isEmpty()) {
            return fallback.take(key);
        }
        return waitMicros.get() == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(waitMicros.get() * 1_000));
    }
}
