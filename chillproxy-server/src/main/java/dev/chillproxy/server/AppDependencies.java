package dev.chillproxy.server;

import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.server.metrics.HttpRequestMetrics;
import dev.chillproxy.server.settings.Settings;
import io.javalin.config.RoutesConfig;

/**
 * What {@link App} needs, built by {@code Main} (or a test) with plain constructors.
 *
 * @param routes registers every route of the product (the {@link RouteTable}'s)
 * @param httpMetrics request latency per route template and status
 */
public record AppDependencies(Settings settings, Database database, ObjectMapper objectMapper,
                              Consumer<RoutesConfig> routes, HttpRequestMetrics httpMetrics) {

    public AppDependencies {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(objectMapper, "objectMapper");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(httpMetrics, "httpMetrics");
    }
}
