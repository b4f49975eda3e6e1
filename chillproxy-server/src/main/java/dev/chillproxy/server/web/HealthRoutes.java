package dev.chillproxy.server.web;

import java.util.Map;
import java.util.Objects;

import dev.chillproxy.chillstreams.db.Database;
import io.javalin.http.Context;

/**
 * Readiness: {@code /health} answers 200 when the database answers, 503 otherwise; {@code /v0/health}
 * is the same in StremThru's {@code {"data":…}} envelope. Thread-safe.
 */
public final class HealthRoutes {

    private final Database database;

    public HealthRoutes(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }


    public void health(Context ctx) {
        boolean ready = database.isReachable();
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ok" : "unavailable"));
    }

    public void healthV0(Context ctx) {
        boolean ready = database.isReachable();
        ctx.status(ready ? 200 : 503).json(Map.of("data", Map.of("status", ready ? "ok" : "unavailable")));
    }
}
