package dev.chillproxy.store.http;

import java.time.Duration;
import java.util.Objects;

/**
 * When a service's {@link CircuitBreaker} opens and for how long.
 *
 * @param failureThreshold consecutive failed calls (5xx, timeout, connection error) that open it
 * @param coolDown         how long it stays open before one probe call may go through
 */
public record BreakerSettings(int failureThreshold, Duration coolDown) {

    public BreakerSettings {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold: must be at least 1");
        }
        Objects.requireNonNull(coolDown, "coolDown");
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("coolDown: negative");
        }
    }

    /** Open after 5 consecutive failures, for 30 s. */
    public static BreakerSettings defaults() {
        return new BreakerSettings(5, Duration.ofSeconds(30));
    }
}
