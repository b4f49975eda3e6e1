package dev.chillproxy.server.limits;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.server.RouteGroup;
import dev.chillproxy.server.web.ErrorResponses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Before-filters applying the per-IP limit to the JSON APIs ({@code /api/*}), the admin page
 * ({@code /admin}) and the Stremio manifest and configure pages; over the limit they answer
 * 429 {@code {"error":{"code":"rate_limited",…}}} with {@code Retry-After} and skip the route.
 * They are "before matched" filters: they run after every plain before-handler (request id, CORS, so a web
 * client can read the 429) and only for a path some route answers (a 404 costs nothing and is not counted).
 *
 * <p>Not limited here: Stremio stream lists and playback (their handlers call {@link StremioRateLimit},
 * which answers in Stremio's terms), the internal pool API (one Chillproxy instance calls it for all its
 * users, from one address, behind a bearer key), health checks, and CORS preflights. Thread-safe.
 */
public final class IpRateLimit implements RouteGroup {

    private final RequestLimits limits;
    private final ClientIp clientIp;

    public IpRateLimit(RequestLimits limits, ClientIp clientIp) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clientIp = Objects.requireNonNull(clientIp, "clientIp");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.beforeMatched("/api/*", this::api);
        routes.beforeMatched("/admin", this::check);
        routes.beforeMatched("/admin/*", this::check);
        routes.beforeMatched("/stremio/*", this::stremioPage);
    }

    private void api(Context ctx) {
        if (!ctx.path().startsWith("/api/v1/internal/")) {
            check(ctx);
        }
    }

    private void stremioPage(Context ctx) {
        String path = ctx.path();
        if (!path.contains("/stream/") && !path.contains("/_/strem/")) {
            check(ctx);
        }
    }

    private void check(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        Optional<Duration> wait = limits.checkIp(clientIp.of(ctx));
        if (wait.isPresent()) {
            long seconds = RetryAfter.set(ctx, wait.get());
            ErrorResponses.write(ctx, 429, "rate_limited",
                    "too many requests from this address; retry in " + seconds + " s");
            ctx.skipRemainingHandlers();
        }
    }
}
