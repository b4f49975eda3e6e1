package dev.chillproxy.server.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.http.CircuitState;
import dev.chillproxy.store.registry.StoreSet;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's meter registry (Prometheus) with JVM basics bound, and one small factory method per meter family
 * so the composition root wires metrics in a line each. Thread-safe; close it after the app stopped.
 *
 * <p>Rule for every meter made here: labels hold only bounded, non-secret values (route templates, store names,
 * operation names from an allowlist, status codes, denial reasons), never a key, token, user id, device id,
 * hash or raw path.
 */
public final class Metrics implements AutoCloseable {

    /** Pool key health is read from the database at most this often, whatever the scrape interval. */
    static final Duration KEY_HEALTH_REFRESH = Duration.ofSeconds(15);

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** The JVM's own meters, bound off the start path: they load JMX, a few hundred ms of a 2 s start. */
    private final CompletableFuture<Void> jvmMeters;

    public Metrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.jvmMeters = CompletableFuture.runAsync(() -> {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry); // process_start_time_seconds, process_uptime_seconds
            gc.bindTo(registry);
        });
    }

    /** Waits for the JVM meters, so that a scrape sees them all. */
    private void awaitJvmMeters() {
        try {
            jvmMeters.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("JVM meters could not be bound", e);
        }
    }

    public PrometheusMeterRegistry registry() {
        awaitJvmMeters();
        return registry;
    }

    /** {@code GET /metrics}; bearer-protected when {@code token} is present ({@code METRICS_TOKEN}). */
    public MetricsRoutes routes() {
        awaitJvmMeters(); // called last in the wiring: the binding ran beside it
        return new MetricsRoutes(registry);
    }

    /** For Javalin's request logger: {@code http_server_requests_seconds{method,route,status}}. */
    public HttpRequestMetrics httpRequests() {
        return new HttpRequestMetrics(registry);
    }

    /** For the shared OkHttp client: {@code chillproxy_upstream_requests_seconds{service,operation,status,outcome}}. */
    public UpstreamMetrics upstream(UpstreamServices services) {
        return new UpstreamMetrics(registry, services);
    }

    /** Wraps the pool the stream and playback paths use: grant latency and denials by reason. */
    public KeySource meter(KeySource pool) {
        return new MeteredPoolClient(pool, registry);
    }

    /** Hit ratio, size and evictions of a Caffeine cache; the cache must be built with {@code recordStats()}. */
    public void monitor(Cache<?, ?> cache, String name) {
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    /** Hit/miss counters for a cache that is not a Caffeine cache (the magnet cache), same meter as Caffeine's. */
    public CacheCounters cacheCounters(String name) {
        return new CacheCounters(registry, name);
    }

    /**
     * {@code chillproxy_outbox_depth}: usage events waiting for delivery. Held strongly: Micrometer keeps a gauge's
     * object weakly by default, and a method reference nobody else holds made the gauge NaN after the first GC.
     */
    public void outboxDepth(LongSupplier depth) {
        Gauge.builder("chillproxy.outbox.depth", depth, Metrics::readOrNaN)
                .description("Usage events waiting in the outbox for delivery")
                .strongReference(true)
                .register(registry);
    }

    /** 1 while revocations from other instances arrive (cached grants trusted), 0 while their feed reconnects. */
    public void revocationFeed(BooleanSupplier live) {
        Gauge.builder("chillproxy.revocation.feed.up", live, feed -> feed.getAsBoolean() ? 1 : 0)
                .description("1 while the revocation feeds are connected and cached grants are used")
                .strongReference(true)
                .register(registry);
    }

    /**
     * {@code chillproxy_outbox_last_delivery_timestamp_seconds}: when the receiver last accepted usage events (the
     * start before the first), so an alert can fire on {@code depth > 0} and an old timestamp.
     */
    public void outboxLastDelivery(Supplier<Instant> lastDelivery) {
        Gauge.builder("chillproxy.outbox.last.delivery.timestamp", lastDelivery, at -> at.get().toEpochMilli() / 1000.0)
                .description("Unix time the outbox last delivered usage events")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    /**
     * {@code chillproxy_upstream_circuit_open{service}}: 1 while a service's circuit breaker is open (its calls are
     * refused without reaching it), so an alert can name the service that keeps failing.
     */
    public void circuitBreakers(StoreSet stores) {
        for (StoreName name : StoreName.values()) {
            Gauge.builder("chillproxy.upstream.circuit.open", stores,
                            set -> set.healthSnapshot().stream().filter(h -> h.store() == name)
                                    .anyMatch(h -> h.state() == CircuitState.OPEN) ? 1 : 0)
                    .description("1 while the service's circuit breaker is open")
                    .tag("service", name.id())
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** {@code chillproxy_pool_keys{status}}: pool keys by status, read at most every 15 s. */
    public void poolKeyHealth(Supplier<Map<String, Long>> countsByStatus) {
        new KeyHealthGauges(registry, countsByStatus, KEY_HEALTH_REFRESH, System::nanoTime);
    }

    /** A database that is down makes the gauge NaN for this scrape instead of failing the scrape. */
    private static double readOrNaN(LongSupplier depth) {
        try {
            return depth.getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        jvmMeters.join();
        gc.close();
        registry.close();
    }
}
