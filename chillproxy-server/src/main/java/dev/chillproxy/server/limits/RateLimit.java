package dev.chillproxy.server.limits;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.server.web.ErrorResponses;
import io.javalin.http.Handler;

/**
 * One limit shared by every caller of a route (the internal pool API: one Chillproxy instance calls it for all its
 * users, so a per-IP limit would mean nothing): {@code perSecond} requests a second with bursts of as many; over it
 * the route answers 429 {@code rate_limited} with {@code Retry-After}. Thread-safe.
 */
public final class RateLimit {

    private static final String KEY = "all";

    private final KeyedTokenBuckets bucket;

    public RateLimit(int perSecond, Ticker ticker) {
        this.bucket = new KeyedTokenBuckets(perSecond, perSecond, Duration.ofMinutes(1), 1, ticker);
    }

    public Handler limit(Handler handler) {
        return ctx -> {
            Optional<Duration> wait = bucket.take(KEY);
            if (wait.isPresent()) {
                RetryAfter.set(ctx, wait.get());
                ErrorResponses.write(ctx, 429, "rate_limited", "too many requests; slow down");
            } else {
                handler.handle(ctx);
            }
        };
    }
}
