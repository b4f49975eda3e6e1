package dev.chillproxy.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where start-up time went, for the ready line: {@code jvm 180 ms, database 350 ms, …}. The JVM's own part (from
 * process start to {@code main}) comes from the process start time (no JMX: loading it costs start-up time itself).
 * Not thread-safe: {@code main} uses it alone.
 */
final class StartTimes {

    private final List<String> phases = new ArrayList<>();
    private long last;

    /** @param mainStarted {@link System#nanoTime()} when {@code main} began */
    StartTimes(long mainStarted) {
        long sinceMainMs = (System.nanoTime() - mainStarted) / 1_000_000;
        ProcessHandle.current().info().startInstant().ifPresent(start ->
                phases.add("jvm " + Math.max(0, Duration.between(start, Instant.now()).toMillis() - sinceMainMs) + " ms"));
        phases.add("settings " + sinceMainMs + " ms");
        last = System.nanoTime();
    }

    /** Ends the phase that ran since the last mark. */
    void mark(String phase) {
        long now = System.nanoTime();
        phases.add(phase + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }

    @Override
    public String toString() {
        return String.join(", ", phases);
    }
}
