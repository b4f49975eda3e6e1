package dev.chillproxy.server.limits;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Results of a pure function of a short text (a client address and what follows from it), remembered so that the
 * requests of one client parse its address once, not several times per request. Bounded: past {@code maxEntries} the
 * map is emptied and fills again, which only costs recomputing (a flood of distinct addresses cannot grow it).
 * Cheaper than a cache with an eviction policy, which is the point on a per-request path. Thread-safe.
 */
final class BoundedMemo<V> {

    private final int maxEntries;
    private final Map<String, V> values = new ConcurrentHashMap<>();

    BoundedMemo(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /** {@code compute(key)}, computed once per key while remembered; {@code compute} must be pure and never null. */
    V get(String key, Function<String, V> compute) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        V fresh = Objects.requireNonNull(compute.apply(key), "compute");
        if (values.size() >= maxEntries) {
            values.clear();
        }
        values.put(key, fresh);
        return fresh;
    }

    int size() {
        return values.size();
    }
}
