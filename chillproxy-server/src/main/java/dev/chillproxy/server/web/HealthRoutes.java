package dev.chillproxy.server.web;

import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.chillproxy.chillstreams.db.Database;
import io.javalin.http.Context;

/**
 * Readiness: {@code /health} answers 200 when the database answers, 503 otherwise, and says where the limits live
 * ({@code "limits"}: {@code shared}, {@code local (redis unreachable)} or {@code local}) and whether revocations from
 * other instances arrive ({@code "revocations"}: {@code live}, or reconnecting); {@code /v0/health} is the
 * same in StremThru's {@code {"data":…}} envelope. Thread-safe.
 */
public final class HealthRoutes {

    private final Database database;
    private final Supplier<String> limits;
    private final BooleanSupplier revocationsLive;

    public HealthRoutes(Database database) {
        this(database, () -> "local", () -> true);
    }

    /**
     * @param limits          where the limits live now, see {@code SharedLimits.mode()}
     * @param revocationsLive whether the feeds that carry other instances' revocations are connected (cached grants
     *                        are trusted); while not, every request asks the pool, which still answers correctly
     */
    public HealthRoutes(Database database, Supplier<String> limits, BooleanSupplier revocationsLive) {
        this.database = Objects.requireNonNull(database, "database");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.revocationsLive = Objects.requireNonNull(revocationsLive, "revocationsLive");
    }

    public void health(Context ctx) {
        boolean ready = database.isReachable();
        ctx.status(ready ? 200 : 503).json(detail(ready));
    }

    public void healthV0(Context ctx) {
        boolean ready = database.isReachable();
        ctx.status(ready ? 200 : 503).json(Map.of("data", detail(ready)));
    }

    /** A record, so the fields come out in this order every time (a {@code Map.of}'s order changes from run to run). */
    private Detail detail(boolean ready) {
        return new Detail(ready ? "ok" : "unavailable", limits.get(),
                revocationsLive.getAsBoolean() ? "live" : "reconnecting (cached grants not used)");
    }

    private record Detail(String status, String limits, String revocations) {
    }
}
