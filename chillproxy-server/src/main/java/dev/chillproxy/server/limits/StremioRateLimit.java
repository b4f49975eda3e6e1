package dev.chillproxy.server.limits;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.javalin.http.Context;

/**
 * The rate-limit check of the Stremio stream-list and playback handlers, which must answer in Stremio's
 * terms (a 200 info stream, a redirect to the error video) rather than with a 429: the client IP's limit
 * first, then the user's. When limited it sets {@code Retry-After} and returns the wait; the handler
 * writes the answer. Thread-safe.
 */
public final class StremioRateLimit {

    private final RequestLimits limits;
    private final ClientIp clientIp;

    public StremioRateLimit(RequestLimits limits, ClientIp clientIp) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clientIp = Objects.requireNonNull(clientIp, "clientIp");
    }

    /**
     * @param userKey from {@link UserKeys#of}, or null when the config has none (P2P only): IP limit only
     * @return empty when the request may go on, else the wait (already in the {@code Retry-After} header)
     */
    public Optional<Duration> check(Context ctx, String userKey) {
        Optional<Duration> wait = limits.checkIp(clientIp.of(ctx));
        if (wait.isEmpty() && userKey != null) {
            wait = limits.checkUser(userKey);
        }
        wait.ifPresent(duration -> RetryAfter.set(ctx, duration));
        return wait;
    }
}
