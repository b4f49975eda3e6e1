package dev.chillproxy.store.http;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code permits} upstream requests in any {@code window}, e.g. 300 per minute.
 *
 * @param permits how many requests the window allows, at least 1
 * @param window  the sliding window, positive
 */
record RateWindow(int permits, Duration window) {

    public RateWindow {
        if (permits < 1) {
            throw new IllegalArgumentException("permits: must be at least 1");
        }
        Objects.requireNonNull(window, "window");
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window: must be positive");
        }
    }

    public static RateWindow perMinute(int permits) {
        return new RateWindow(permits, Duration.ofMinutes(1));
    }

    public static RateWindow perHour(int permits) {
        return new RateWindow(permits, Duration.ofHours(1));
    }
}
