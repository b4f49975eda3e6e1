package dev.chillproxy.server;

import io.javalin.config.RoutesConfig;

/**
 * A set of routes registered on the app, e.g. {@code routes.get("/x", this::handle)}. Feature packages
 * implement it and {@code Main} passes the instances to {@link App#create}; implementations are shared
 * by request threads and must be thread-safe.
 */
@FunctionalInterface
public interface RouteGroup {

    void register(RoutesConfig routes);
}
