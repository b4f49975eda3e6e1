package dev.chillproxy.server.limits;

import java.time.Duration;
import java.util.Optional;

import dev.chillproxy.server.web.ErrorResponses;
import io.javalin.http.Handler;

/**
 * The per-IP limit of pages and JSON APIs (the route table says which): over the limit a route answers 429
 * {@code {"error":{"code":"rate_limited",…}}} with {@code Retry-After} and its handler does not run. Only routes
 * that exist are counted (a 404 costs nothing). Stremio lists and playback use {@link StremioRateLimit} instead,
 * which answers in Stremio's terms. Thread-safe.
 */
public final class IpLimit {

    private final RequestLimits limits;
    private final ClientIp clientIp;

    public IpLimit(RequestLimits limits, ClientIp clientIp) {
        this.limits = limits;
        this.clientIp = clientIp;
    }

    /** No limit, for tests of a single route. */
    public static IpLimit none() {
        return new IpLimit(null, null);
    }

    public Handler limit(Handler handler) {
        if (limits == null) {
            return handler;
        }
        return ctx -> {
            Optional<Duration> wait = limits.checkIp(clientIp.of(ctx));
            if (wait.isPresent()) {
                long seconds = RetryAfter.set(ctx, wait.get());
                ErrorResponses.write(ctx, 429, "rate_limited", "too many requests from this address; retry in " + seconds + " s");
            } else {
                handler.handle(ctx);
            }
        };
    }
}
