package dev.chillproxy.store.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounded retries on 429 and 5xx.
 *
 * @param maxRetries   retries after the first attempt (0 = none)
 * @param baseDelay    first back-off when the upstream sends no {@code Retry-After}; doubles, with jitter
 * @param maxTotalWait the most a single call may sleep across all retries; a {@code Retry-After} beyond what
 *                     is left ends the call at once with that wait reported to the caller
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxTotalWait) {

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries: negative");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxTotalWait, "maxTotalWait");
        if (baseDelay.isNegative() || maxTotalWait.isNegative()) {
            throw new IllegalArgumentException("retry delays: negative");
        }
    }

    /** 2 retries, 250 ms base back-off, at most 2 s of waiting per call. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(2, Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }
}
