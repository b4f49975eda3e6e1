package dev.chillproxy.server.signals;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.chillproxy.chillstreams.signals.SignalKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The signals' meters, labelled by signal type only (never a user, device or key):
 * {@code chillproxy_abuse_signals_raised_total{signal}}, {@code chillproxy_abuse_auto_disabled_total{signal}},
 * {@code chillproxy_abuse_flagged_users{signal}} (users with the signal raised within its window, as of the last scan)
 * and {@code chillproxy_playback_limit_refusals_total}. Every series exists from the start at 0, so an alert on
 * {@code increase(...)} works from the first signal. Thread-safe.
 */
public final class SignalMetrics {

    private final Map<SignalKind, Counter> raised = new EnumMap<>(SignalKind.class);
    private final Map<SignalKind, Counter> disabled = new EnumMap<>(SignalKind.class);
    private final Map<SignalKind, AtomicLong> flagged = new EnumMap<>(SignalKind.class);
    private final Counter playbackLimit;

    public SignalMetrics(MeterRegistry registry) {
        for (SignalKind kind : SignalKind.values()) {
            raised.put(kind, Counter.builder("chillproxy.abuse.signals.raised").tag("signal", kind.wire())
                    .description("Abuse signals raised (once per user and signal per window)").register(registry));
            disabled.put(kind, Counter.builder("chillproxy.abuse.auto.disabled").tag("signal", kind.wire())
                    .description("Users disabled automatically for a signal (ABUSE_AUTO_DISABLE)").register(registry));
            AtomicLong users = new AtomicLong();
            flagged.put(kind, users);
            Gauge.builder("chillproxy.abuse.flagged.users", users, AtomicLong::get).tag("signal", kind.wire())
                    .description("Users with the signal raised within its window, as of the last scan")
                    .strongReference(true).register(registry);
        }
        playbackLimit = Counter.builder("chillproxy.playback.limit.refusals")
                .description("Playbacks refused because their pool key played POOL_MAX_PLAYBACKS_PER_KEY devices").register(registry);
    }

    void raised(SignalKind kind) {
        raised.get(kind).increment();
    }

    void autoDisabled(SignalKind kind) {
        disabled.get(kind).increment();
    }

    void flagged(Map<SignalKind, Long> users) {
        users.forEach((kind, count) -> flagged.get(kind).set(count));
    }

    void playbackLimitReached() {
        playbackLimit.increment();
    }
}
