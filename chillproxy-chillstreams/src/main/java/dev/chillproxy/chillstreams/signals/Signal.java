package dev.chillproxy.chillstreams.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A user over one threshold, with what was seen.
 *
 * @param observed     the user's value (devices, networks, playing devices, bytes, refusals)
 * @param threshold    the maximum it is over
 * @param raisedAt     when it was raised
 * @param evidence     newest or largest first, at most {@link #MAX_EVIDENCE} items
 * @param autoDisabled whether the user was disabled automatically for it ({@code ABUSE_AUTO_DISABLE})
 */
public record Signal(String userId, SignalKind kind, long observed, long threshold, Instant raisedAt,
                     List<Evidence> evidence, boolean autoDisabled) {

    public static final int MAX_EVIDENCE = 50;

    public Signal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(raisedAt, "raisedAt");
        evidence = List.copyOf(evidence);
    }

    public Signal withAutoDisabled() {
        return new Signal(userId, kind, observed, threshold, raisedAt, evidence, true);
    }

    /** One line for people: "14 devices in PT24H (threshold 10)". */
    public String summary(SignalThresholds thresholds) {
        String what = switch (kind) {
            case DEVICE_CHURN -> observed + " devices";
            case NETWORKS -> observed + " networks";
            case CONCURRENT_PLAYBACKS -> observed + " devices playing at once";
            case BYTES -> gigabytes(observed) + " of files started";
            case REFUSALS -> observed + " refusals";
        };
        return what + " within " + span(thresholds.lookBack(kind)) + " (threshold "
                + (kind == SignalKind.BYTES ? gigabytes(threshold) : String.valueOf(threshold)) + ")";
    }

    /** Decimal, as {@code ABUSE_MAX_BYTES} is written. */
    private static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    private static String span(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }
}
