package dev.chillproxy.store.http;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The budgets of this instance, in memory: exact sliding logs ({@link PermitLog}) per subject and window. When
 * several instances share a limit without a shared ledger, each gets its share, {@code permits / instances} rounded
 * down (possibly none), so together they still stay within it.
 *
 * <p>A subject idle for its longest window has every permit back and is dropped, which bounds memory.
 * Thread-safe: one lock per subject, held only to check and spend.
 */
public final class LocalBudgetLedger implements BudgetLedger {

    private static final long MAX_TRACKED_SUBJECTS = 100_000;

    private final InstantSource clock;
    private final IntSupplier instances;
    private final Cache<String, Logs> subjects;

    /** The whole limit for this instance. */
    public LocalBudgetLedger(InstantSource clock) {
        this(clock, () -> 1);
    }

    /** @param instances how many instances share every limit now (at least 1 is assumed) */
    public LocalBudgetLedger(InstantSource clock, IntSupplier instances) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instances = Objects.requireNonNull(instances, "instances");
        this.subjects = Caffeine.newBuilder()
                .ticker(() -> nanos(clock.instant()))
                .expireAfter(Expiry.accessing((String subject, Logs logs) -> logs.longest))
                .maximumSize(MAX_TRACKED_SUBJECTS)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Duration tryAcquire(String subject, List<Window> windows) {
        int share = Math.max(1, instances.getAsInt());
        Logs logs = logsOf(subject, windows);
        return Duration.ofNanos(logs.tryAcquire(windows, share, nanos(clock.instant())));
    }

    /** Records spends another ledger granted, so this one counts them should it have to take over. */
    public void record(String subject, List<Window> windows) {
        Logs logs = logsOf(subject, windows);
        logs.record(windows, nanos(clock.instant()));
    }

    /** Created with its longest window known: Caffeine reads the expiry of a new entry at once. */
    private Logs logsOf(String subject, List<Window> windows) {
        Duration longest = windows.stream().map(Window::length).max(Duration::compareTo).orElse(Duration.ZERO);
        return subjects.get(subject, any -> new Logs(longest));
    }

    /** How many subjects are tracked now (approximate; tests check the memory bound). */
    long trackedSubjects() {
        subjects.cleanUp();
        return subjects.estimatedSize();
    }

    private static long nanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    /** The permit logs of one subject, created per window on first use. */
    private static final class Logs {

        private final Map<Window, PermitLog> logs = new HashMap<>();
        private volatile Duration longest;

        Logs(Duration longest) {
            this.longest = longest;
        }

        synchronized long tryAcquire(List<Window> windows, int share, long now) {
            List<PermitLog> applicable = logsOf(windows);
            long wait = 0;
            for (int i = 0; i < windows.size(); i++) {
                wait = Math.max(wait, applicable.get(i).waitNanos(now, windows.get(i).permits() / share));
            }
            if (wait == 0) {
                applicable.forEach(log -> log.spend(now));
            }
            return wait;
        }

        synchronized void record(List<Window> windows, long now) {
            logsOf(windows).forEach(log -> log.spend(now));
        }

        private List<PermitLog> logsOf(List<Window> windows) {
            List<PermitLog> applicable = new ArrayList<>(windows.size());
            for (Window window : windows) {
                applicable.add(logs.computeIfAbsent(window, PermitLog::new));
                if (window.length().compareTo(longest) > 0) {
                    longest = window.length();
                }
            }
            return applicable;
        }
    }
}
