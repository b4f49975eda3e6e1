package dev.chillproxy.server;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.server.metrics.HttpRequestMetrics;
import dev.chillproxy.server.settings.Settings;

/**
 * What {@link App} needs, built by {@code Main} (or a test) with plain constructors.
 *
 * @param routeGroups feature routes beyond the built-in health routes (Stremio, pool, admin, metrics, …)
 * @param httpMetrics request latency per route template and status
 */
public record AppDependencies(Settings settings, Database database, ObjectMapper objectMapper,
                              List<RouteGroup> routeGroups, HttpRequestMetrics httpMetrics) {

    public AppDependencies {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(objectMapper, "objectMapper");
        routeGroups = List.copyOf(routeGroups);
        Objects.requireNonNull(httpMetrics, "httpMetrics");
    }
}
