package dev.chillproxy.server.metrics;

import java.util.Objects;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics} in the Prometheus text format; behind the {@code METRICS_TOKEN} bearer when it is set (see
 * {@code RouteTable}), open otherwise (operators then keep it off the public network). Thread-safe.
 */
public final class MetricsRoutes {

    /** What {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public void scrape(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }
}
