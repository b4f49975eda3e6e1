package dev.chillproxy.server.metrics;

import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.server.web.ErrorResponses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics} in the Prometheus text format. With {@code METRICS_TOKEN} set, a scrape must send
 * {@code Authorization: Bearer <token>} (compared in constant time) or gets a 401 JSON error; unset, the
 * endpoint is open (operators then keep it off the public network). Thread-safe.
 */
public final class MetricsRoutes {

    public static final String PATH = "/metrics";
    /** What {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Optional<ApiKey> token;

    public MetricsRoutes(PrometheusMeterRegistry registry, Optional<ApiKey> token) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.token = Objects.requireNonNull(token, "token");
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        if (token.isPresent() && !ApiKey.constantTimeEquals(token.get().reveal(), bearer(ctx))) {
            ctx.header("WWW-Authenticate", "Bearer");
            ErrorResponses.write(ctx, 401, "unauthorized", "metrics need the METRICS_TOKEN bearer");
            return;
        }
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }
}
