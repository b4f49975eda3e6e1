package dev.chillproxy.chillstreams.signals;

import java.time.Duration;
import java.util.Objects;

/**
 * The operator's thresholds: a signal is raised when a user's value is above its maximum.
 *
 * @param window                 the sliding window for devices, networks and bytes ({@code ABUSE_WINDOW})
 * @param maxDevices             distinct devices per user in the window ({@code ABUSE_MAX_DEVICES})
 * @param maxNetworks            distinct client networks per user in the window ({@code ABUSE_MAX_NETWORKS})
 * @param maxConcurrentPlaybacks devices of one user playing at once ({@code ABUSE_MAX_CONCURRENT_PLAYBACKS})
 * @param playbackWindow         a device counts as playing this long after its last playback request
 *                               ({@code POOL_PLAYBACK_WINDOW})
 * @param maxBytes               bytes of the distinct files a user started in the window ({@code ABUSE_MAX_BYTES})
 * @param maxRefusalsPerHour     refusals per user in the last hour ({@code ABUSE_MAX_REFUSALS_PER_HOUR})
 */
public record SignalThresholds(Duration window, int maxDevices, int maxNetworks, int maxConcurrentPlaybacks,
                               Duration playbackWindow, long maxBytes, int maxRefusalsPerHour) {

    /** Refusals come in bursts (a player retrying): they are counted over the last hour, not the whole window. */
    public static final Duration REFUSAL_WINDOW = Duration.ofHours(1);

    public SignalThresholds {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(playbackWindow, "playbackWindow");
        if (window.isNegative() || window.isZero() || playbackWindow.isNegative() || playbackWindow.isZero()) {
            throw new IllegalArgumentException("windows must be positive");
        }
        if (maxDevices < 1 || maxNetworks < 1 || maxConcurrentPlaybacks < 1 || maxBytes < 1 || maxRefusalsPerHour < 1) {
            throw new IllegalArgumentException("thresholds must be positive");
        }
    }

    /** The maximum for one signal. */
    public long max(SignalKind kind) {
        return switch (kind) {
            case DEVICE_CHURN -> maxDevices;
            case NETWORKS -> maxNetworks;
            case CONCURRENT_PLAYBACKS -> maxConcurrentPlaybacks;
            case BYTES -> maxBytes;
            case REFUSALS -> maxRefusalsPerHour;
        };
    }

    /** How far back a signal looks. */
    public Duration lookBack(SignalKind kind) {
        return switch (kind) {
            case CONCURRENT_PLAYBACKS -> playbackWindow;
            case REFUSALS -> REFUSAL_WINDOW;
            default -> window;
        };
    }
}
