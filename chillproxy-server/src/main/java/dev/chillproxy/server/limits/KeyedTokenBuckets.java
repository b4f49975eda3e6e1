package dev.chillproxy.server.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * One token bucket per key ({@code ratePerSecond} tokens a second, at most {@code burst} stored), kept in a
 * bounded Caffeine map. Thread-safe and lock-free: a bucket is a single {@link AtomicLong} updated by
 * compare-and-set.
 *
 * <p>The bucket is kept as its "theoretical arrival time" (the generic cell rate algorithm, equivalent to a
 * token bucket): each request pushes it one interval ({@code 1 s / rate}) into the future, and a request
 * is refused when that would put it more than {@code burst} intervals ahead of now. A bucket left alone for
 * {@code burst} intervals is full again, the same as a new one, so dropping idle keys after a longer
 * {@code idle} time loses nothing; the size bound only matters under a flood of distinct keys.
 */
final class KeyedTokenBuckets {

    private final long intervalNanos;
    private final long burstNanos;
    private final Ticker ticker;
    private final Cache<String, AtomicLong> arrivals;

    KeyedTokenBuckets(int ratePerSecond, int burst, Duration idle, int maxKeys, Ticker ticker) {
        if (ratePerSecond < 1 || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("rate, burst and maxKeys must be positive");
        }
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        this.burstNanos = intervalNanos * burst;
        if (idle.toNanos() < burstNanos) {
            throw new IllegalArgumentException("idle expiry shorter than a bucket's refill time");
        }
        this.ticker = ticker;
        this.arrivals = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(idle)
                .maximumSize(maxKeys)
                .build();
    }

    /** Takes a token for {@code key}: empty when allowed, else how long until a token is free. */
    Optional<Duration> take(String key) {
        long now = ticker.read();
        // a new bucket starts full: its arrival time is now
        AtomicLong arrival = arrivals.get(key, k -> new AtomicLong(now));
        while (true) {
            long current = arrival.get();
            long next = (current - now > 0 ? current : now) + intervalNanos;
            long wait = next - now - burstNanos;
            if (wait > 0) {
                return Optional.of(Duration.ofNanos(wait));
            }
            if (arrival.compareAndSet(current, next)) {
                return Optional.empty();
            }
        }
    }

    /** Keys currently held, after pending evictions ran. */
    long size() {
        arrivals.cleanUp();
        return arrivals.estimatedSize();
    }
}
