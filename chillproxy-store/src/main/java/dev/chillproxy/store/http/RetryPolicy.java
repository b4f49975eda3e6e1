package dev.chillproxy.store.http;

import java.time.Duration;
import java.util.Objects;

import dev.chillproxy.core.store.StoreName;

/**
 * Bounded retries on 429 and 5xx.
 *
 * @param maxRetries   retries after the first attempt (0 = none)
 * @param baseDelay    first back-off when the upstream sends no {@code Retry-After}; doubles, with jitter
 * @param maxTotalWait the most a single call may sleep across all retries; a {@code Retry-After} beyond what
 *                     is left ends the call at once with that wait reported to the caller
 * @param retriesRateLimits whether a 429 is retried too (5xx always are)
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxTotalWait, boolean retriesRateLimits) {

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

    /** Retries 429s and 5xx. */
    public RetryPolicy(int maxRetries, Duration baseDelay, Duration maxTotalWait) {
        this(maxRetries, baseDelay, maxTotalWait, true);
    }

    /**
     * This policy as {@code store} needs it: Real-Debrid counts refused calls against its limit and blocks a key that
     * keeps trying (debrid-apis.md §2), so its 429 goes straight to the caller, who moves to another key.
     */
    public RetryPolicy forService(StoreName store) {
        return store == StoreName.REALDEBRID ? new RetryPolicy(maxRetries, baseDelay, maxTotalWait, false) : this;
    }

    /** 2 retries, 250 ms base back-off, at most 2 s of waiting per call. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(2, Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }
}
