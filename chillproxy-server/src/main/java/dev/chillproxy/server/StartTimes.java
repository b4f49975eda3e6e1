package dev.chillproxy.server;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where start-up time went, for the ready line: {@code jvm 130 ms, settings 90 ms, database 350 ms, …}, and the CPU
 * it took. The JVM's own part (from its start to {@code main}) is the JVM's record of its start time, read only when
 * the ready line is written: JMX is loaded by then anyway (the JVM meters), and the process start time the OS gives
 * is counted from a boot time in whole seconds, up to a second off. Not thread-safe: {@code main} uses it alone.
 */
final class StartTimes {

    private final List<String> phases = new ArrayList<>();
    private final long mainStartedNanos;
    private final long mainStartedMillis;
    private long last;

    /**
     * @param mainStartedNanos  {@link System#nanoTime()} when {@code main} began
     * @param mainStartedMillis {@link System#currentTimeMillis()} at the same moment
     */
    StartTimes(long mainStartedNanos, long mainStartedMillis) {
        this.mainStartedNanos = mainStartedNanos;
        this.mainStartedMillis = mainStartedMillis;
        last = mainStartedNanos;
        mark("settings");
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

    /** From the JVM's start until now. */
    long sinceLaunchMs() {
        return jvmMs() + (System.nanoTime() - mainStartedNanos) / 1_000_000;
    }

    private long jvmMs() {
        return Math.max(0, mainStartedMillis - ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    @Override
    public String toString() {
        return "jvm " + jvmMs() + " ms, " + String.join(", ", phases);
    }
}
