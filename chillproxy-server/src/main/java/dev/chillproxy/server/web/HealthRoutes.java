package dev.chillproxy.server.web;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.chillproxy.chillstreams.db.Database;
import io.javalin.http.Context;

/**
 * Readiness: {@code /health} answers 200 when the database answers, 503 otherwise, and says where the limits live
 * ({@code "limits"}: {@code shared}, {@code local (redis unreachable)} or {@code local}); {@code /v0/health} is the
 * same in StremThru's {@code {"data":…}} envelope. Thread-safe.
 */
public final class HealthRoutes {

    private final Database database;
    private final Supplier<String> limits;

    public HealthRoutes(Database database) {
        this(database, () -> "local");
    }

    /** @param limits where the limits live now, see {@code SharedLimits.mode()} */
    public HealthRoutes(Database database, Supplier<String> limits) {
        this.database = Objects.requireNonNull(database, "database");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public void health(Context ctx) {
        boolean ready = database.isReachable();
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ok" : "unavailable", "limits", limits.get()));
    }

    public void healthV0(Context ctx) {
        boolean ready = database.isReachable();
        ctx.status(ready ? 200 : 503).json(Map.of("data", Map.of("status", ready ? "ok" : "unavailable", "limits",
                limits.get())));
    }
}
