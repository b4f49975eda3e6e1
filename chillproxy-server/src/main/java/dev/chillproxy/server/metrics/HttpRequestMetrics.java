package dev.chillproxy.server.metrics;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records each request's latency as {@code http_server_requests_seconds{method,route,status}}. The route is the
 * matched route template ({@code /stremio/torz/{cfg}/stream/{type}/{id}.json}), never the path: a config segment
 * carries a user id or a legacy token. Unmatched requests (404 probes, static files) share one
 * {@value #UNMATCHED} route so scanners cannot grow the series count. Thread-safe.
 */
public final class HttpRequestMetrics {

    static final String NAME = "http.server.requests";
    static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;
    private final TimerCache timers = new TimerCache();

    public HttpRequestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Javalin request-logger signature: {@code config.requestLogger.http(...)} calls it after every request. */
    public void record(Context ctx, Float millis) {
        String method = ctx.method().name();
        String route = route(ctx);
        int status = ctx.statusCode();
        timers.get(method + ' ' + status + ' ' + route, () -> Timer.builder(NAME)
                .description("HTTP requests served, by route template and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(LatencyBuckets.BUCKETS)
                .register(registry))
                .record(Math.round(millis * 1_000_000d), TimeUnit.NANOSECONDS);
    }

    static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null || endpoint.path.equals("*") ? UNMATCHED : endpoint.path;
    }
}
