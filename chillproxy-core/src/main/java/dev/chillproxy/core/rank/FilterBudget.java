package dev.chillproxy.core.rank;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How much work one stream list may spend on its filter, shared by every candidate of the list: a number of
 * steps (one per node evaluated, one per character a regular expression reads, one per character or list item
 * a text or list operation walks) and a deadline. A user-written filter runs on shared CPU, so a list whose
 * filter needs more gets "filter too expensive" instead of the CPU ({@link FilterTooExpensiveException}).
 *
 * <p>The defaults keep the worst case near {@value #LIST_STEPS} steps: about 40 ms of CPU for the worst filter
 * measured (scripts/FilterBench.java; 5-40 ns per step depending on the pattern), far below the stream deadline.
 * Not thread-safe: one per list.
 */
public final class FilterBudget {

    /** Steps one list may spend; a normal filter over 200 candidates spends a few hundred thousand. */
    public static final long LIST_STEPS = 5_000_000;
    /**
     * Wall time one list may spend, checked every {@value #CLOCK_EVERY} steps: a backstop for a busy machine or a
     * cold JVM (the steps bound the CPU), generous so an ordinary filter never meets it, far below the stream deadline.
     */
    public static final Duration LIST_TIME = Duration.ofMillis(500);
    /** Steps between two clock readings: often enough to stop within a millisecond, rare enough to cost nothing. */
    static final int CLOCK_EVERY = 256;

    private final long steps;
    private final LongSupplier nanoClock;
    private final long deadline;
    private long left;
    private long untilClock = CLOCK_EVERY;
    private boolean late;

    /**
     * @param steps     how many steps may be spent
     * @param time      how long, by {@code nanoClock}, the list may spend
     * @param nanoClock a {@link System#nanoTime()}-like clock; tests pass a fake
     */
    public FilterBudget(long steps, Duration time, LongSupplier nanoClock) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative");
        }
        this.steps = steps;
        this.left = steps;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.deadline = nanoClock.getAsLong() + time.toNanos();
    }

    /** The budget of one stream list in production: {@link #LIST_STEPS} and {@link #LIST_TIME} on the system clock. */
    public static FilterBudget forList() {
        return new FilterBudget(LIST_STEPS, LIST_TIME, System::nanoTime);
    }

    /** Steps spent so far (may pass the budget by the last charge, which is what stopped it). */
    public long spent() {
        return steps - left;
    }

    /** @throws Exhausted when the steps are used up or the deadline has passed */
    void spend(long count) {
        if (late) {
            throw new Exhausted(true); // once late, every later stream of the list stops at once
        }
        left -= count;
        if (left < 0) {
            throw new Exhausted(false);
        }
        untilClock -= count;
        if (untilClock <= 0) {
            untilClock = CLOCK_EVERY;
            if (nanoClock.getAsLong() - deadline > 0) {
                late = true;
                throw new Exhausted(true);
            }
        }
    }

    /** The budget ran out; thrown from deep inside a regex match, so unchecked and without a stack trace. */
    static final class Exhausted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final boolean late;

        Exhausted(boolean late) {
            super(late ? "deadline passed" : "steps used up", null, false, false);
            this.late = late;
        }
    }
}
