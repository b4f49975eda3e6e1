package dev.chillproxy.server.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code chillproxy_pool_keys{status}}: how many pool keys are in each status. One gauge per known status (0 when
 * none), anything else counted as {@code other}, so the label stays bounded. The counts come from the database:
 * they are fetched at most once per {@code refresh}, and a failed fetch keeps the last counts (logged, without
 * its message, which could quote bound values). {@code chillproxy_pool_keys_rotation_due}: keys older than
 * {@code POOL_ROTATION_INTERVAL} (the source's {@value #ROTATION_DUE} count; always 0 when the interval is unset).
 * Thread-safe.
 */
final class KeyHealthGauges {

    private static final Logger LOG = LoggerFactory.getLogger(KeyHealthGauges.class);
    /** The statuses {@code PoolKeyView} reports: the health states plus cooldown and retired. */
    static final List<String> STATUSES = List.of("healthy", "degraded", "failing", "disabled", "cooldown", "retired",
            "other");
    /** The source's count of keys due for rotation; not a status. */
    static final String ROTATION_DUE = "rotation-due";

    private final Supplier<Map<String, Long>> source;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private Map<String, Long> counts = Map.of();
    private long fetchedAt;
    private boolean fetched;

    KeyHealthGauges(MeterRegistry registry, Supplier<Map<String, Long>> source, Duration refresh, LongSupplier nanoTime) {
        this.source = Objects.requireNonNull(source, "source");
        this.refreshNanos = refresh.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        for (String status : STATUSES) {
            Gauge.builder("chillproxy.pool.keys", this, gauges -> gauges.count(status))
                    .description("Pool keys by status")
                    .tag("status", status)
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("chillproxy.pool.keys.rotation.due", this, gauges -> gauges.count(ROTATION_DUE))
                .description("Pool keys older than POOL_ROTATION_INTERVAL")
                .strongReference(true)
                .register(registry);
    }

    synchronized long count(String status) {
        long now = nanoTime.getAsLong();
        if (!fetched || now - fetchedAt >= refreshNanos) {
            fetchedAt = now;
            fetched = true;
            try {
                counts = fold(source.get());
            } catch (RuntimeException e) {
                LOG.warn("pool key health not read for metrics: {}", e.getClass().getSimpleName());
            }
        }
        return counts.getOrDefault(status, 0L);
    }

    private static Map<String, Long> fold(Map<String, Long> raw) {
        Map<String, Long> folded = new HashMap<>();
        raw.forEach((status, count) -> {
            String known = status == null ? "other" : status.toLowerCase(Locale.ROOT);
            String label = STATUSES.contains(known) || ROTATION_DUE.equals(known) ? known : "other";
            folded.merge(label, count == null ? 0L : count, Long::sum);
        });
        return folded;
    }
}
