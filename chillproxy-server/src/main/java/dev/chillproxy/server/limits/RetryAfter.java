package dev.chillproxy.server.limits;

import java.time.Duration;

import io.javalin.http.Context;

/** The {@code Retry-After} header: whole seconds, rounded up, at least 1. Stateless. */
final class RetryAfter {

    static final String HEADER = "Retry-After";

    private RetryAfter() {
    }

    static long seconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** Sets the header and returns the seconds it says. */
    static long set(Context ctx, Duration wait) {
        long seconds = seconds(wait);
        ctx.header(HEADER, Long.toString(seconds));
        return seconds;
    }
}
