package dev.chillproxy.server.metrics;

import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Hit and miss counts for a cache that Micrometer cannot watch itself (the magnet cache is a table). It feeds the
 * same meter as Caffeine's binder, {@code cache_gets_total{cache,result="hit"|"miss"}}, so one query gives every
 * cache's hit ratio. Thread-safe.
 */
public final class CacheCounters {

    static final String NAME = "cache.gets";

    private final Counter hits;
    private final Counter misses;

    public CacheCounters(MeterRegistry registry, String cache) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(cache, "cache");
        this.hits = counter(registry, cache, "hit");
        this.misses = counter(registry, cache, "miss");
    }

    private static Counter counter(MeterRegistry registry, String cache, String result) {
        return Counter.builder(NAME)
                .description("Cache lookups by result")
                .tag("cache", cache)
                .tag("result", result)
                .register(registry);
    }

    /** {@code count} lookups found their entry (a batch of hashes counts each hash). */
    public void hit(long count) {
        hits.increment(count);
    }

    public void miss(long count) {
        misses.increment(count);
    }
}
