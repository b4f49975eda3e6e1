package dev.chillproxy.server;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.server.settings.Settings;

/**
 * What {@link App} needs, built by {@code Main} (or a test) with plain constructors.
 *
 * @param routeGroups feature routes beyond the built-in health and Stremio routes (pool, admin, …)
 */
public record AppDependencies(Settings settings, Database database, ObjectMapper objectMapper,
                              List<RouteGroup> routeGroups) {

    public AppDependencies {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(objectMapper, "objectMapper");
        routeGroups = List.copyOf(routeGroups);
    }
}
