package dev.chillproxy.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where start-up time went, for the ready line: {@code jvm 180 ms, database 350 ms, …}, and the CPU it took. The JVM's own part (from
 * process start to {@code main}) comes from the process start time (no JMX: loading it costs start-up time itself).
 * Not thread-safe: {@code main} uses it alone.
 */
final class StartTimes {

    private final List<String> phases = new ArrayList<>();
    private final long mainStarted;
    private long jvmMs;
    private long last;

    /** @param mainStarted {@link System#nanoTime()} when {@code main} began */
    StartTimes(long mainStarted) {
        this.mainStarted = mainStarted;
        long sinceMainMs = (System.nanoTime() - mainStarted) / 1_000_000;
        ProcessHandle.current().info().startInstant().ifPresent(start ->
                jvmMs = Math.max(0, Duration.between(start, Instant.now()).toMillis() - sinceMainMs));
        phases.add("jvm " + jvmMs + " ms");
        phases.add("settings " + sinceMainMs + " ms");
        last = System.nanoTime();
    }

    /** Ends the phase that ran since the last mark. */
    void mark(String phase) {
        long now = System.nanoTime();
        phases.add(phase + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }

    /**
     * CPU the whole process used so far (every thread: the JIT compilers and the collector work beside {@code main}),
     * or -1 where the OS does not tell.
     */
    static long processCpuMs() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    /** From the process's launch (as far as the OS tells it) until now. */
    long sinceLaunchMs() {
        return jvmMs + (System.nanoTime() - mainStarted) / 1_000_000;
    }

    @Override
    public String toString() {
        return String.join(", ", phases);
    }
}
