package dev.chillproxy.server.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

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
 *
 * <p>When several instances share a limit without a shared store, each gets its share: the rate and the burst divided
 * by the live instances (at least one token of burst).
 */
final class KeyedTokenBuckets implements RateBuckets {

    private final long intervalNanos;
    private final int burst;
    private final IntSupplier instances;
    private final Ticker ticker;
    private final Cache<String, AtomicLong> arrivals;

    KeyedTokenBuckets(int ratePerSecond, int burst, Duration idle, int maxKeys, Ticker ticker) {
        this(ratePerSecond, burst, idle, maxKeys, ticker, () -> 1);
    }

    /** @param instances how many instances share the limit now */
    KeyedTokenBuckets(int ratePerSecond, int burst, Duration idle, int maxKeys, Ticker ticker, IntSupplier instances) {
        if (ratePerSecond < 1 || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("rate, burst and maxKeys must be positive");
        }
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        this.burst = burst;
        if (idle.toNanos() < intervalNanos * burst) {
            throw new IllegalArgumentException("idle expiry shorter than a bucket's refill time");
        }
        this.instances = instances;
        this.ticker = ticker;
        this.arrivals = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(idle)
                .maximumSize(maxKeys)
                .build();
    }

    @Override
    public Optional<Duration> take(String key) {
        int share = Math.max(1, instances.getAsInt());
        long interval = intervalNanos * share;
        long burstNanos = interval * Math.max(1, burst / share);
        long now = ticker.read();
        // a new bucket starts full: its arrival time is now
        AtomicLong arrival = arrivals.get(key, k -> new AtomicLong(now));
        while (true) {
            long current = arrival.get();
            long next = (current - now > 0 ? current : now) + interval;
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
