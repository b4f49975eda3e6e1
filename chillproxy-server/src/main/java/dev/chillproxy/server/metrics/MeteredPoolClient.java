package dev.chillproxy.server.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.core.torz.Access.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A {@link KeySource} that measures grants: {@code chillproxy_pool_grants_seconds{result}} (allowed, denied,
 * error) and {@code chillproxy_pool_denials_total{reason}} by {@link Refusal}. Neither the user, the device nor the
 * key reaches a label. Thread-safe when the delegate is.
 */
final class MeteredPoolClient implements KeySource {

    private final KeySource delegate;
    private final Timer allowed;
    private final Timer denied;
    private final Timer failed;
    private final Map<Refusal, Counter> denials = new EnumMap<>(Refusal.class);

    public MeteredPoolClient(KeySource delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(registry, "registry");
        this.allowed = timer(registry, "allowed");
        this.denied = timer(registry, "denied");
        this.failed = timer(registry, "error");
        for (Refusal reason : Refusal.values()) {
            denials.put(reason, Counter.builder("chillproxy.pool.denials")
                    .description("Grants refused, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    private static Timer timer(MeterRegistry registry, String result) {
        return Timer.builder("chillproxy.pool.grants")
                .description("Time to get a pool grant (grant cache included), by result")
                .tag("result", result)
                .serviceLevelObjectives(LatencyBuckets.BUCKETS)
                .register(registry);
    }

    @Override
    public Grant getKey(GetKeyRequest request) {
        long started = System.nanoTime();
        Grant grant;
        try {
            grant = delegate.getKey(request);
        } catch (RuntimeException e) {
            failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw e;
        }
        long took = System.nanoTime() - started;
        if (grant instanceof Grant.Denied refusal) {
            denied.record(took, TimeUnit.NANOSECONDS);
            denials.get(refusal.reason()).increment();
        } else {
            allowed.record(took, TimeUnit.NANOSECONDS);
        }
        return grant;
    }
}
