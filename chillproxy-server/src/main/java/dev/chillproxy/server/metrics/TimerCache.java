package dev.chillproxy.server.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Timer;

/**
 * Timers looked up once per tag combination: building a {@link Timer} and registering it (which finds the existing
 * one) on every request costs a builder, a tag list, a meter id and a map lookup under the registry's rules. The
 * tag values are bounded (route templates, status codes, named services), so the map is too; past {@link #MAX} it
 * stops remembering and builds each time, as before. Thread-safe.
 */
final class TimerCache {

    static final int MAX = 4096;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** @param key the tag values joined; {@code build} registers the timer they name */
    Timer get(String key, Supplier<Timer> build) {
        Timer timer = timers.get(key);
        if (timer != null) {
            return timer;
        }
        timer = build.get();
        if (timers.size() < MAX) {
            timers.putIfAbsent(key, timer);
        }
        return timer;
    }
}
