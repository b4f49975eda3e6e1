package dev.chillproxy.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one test clock of the project: moves only when told to, thread-safe. It is a {@link Clock} (so also an
 * {@code InstantSource}) for wall time, and {@link #nanos()} is a {@code System.nanoTime()}-like reading for
 * Caffeine {@code Ticker}s and other {@code LongSupplier}s ({@code clock::nanos}); both move together.
 * Shared by every module's tests through chillproxy-core's test jar.
 */
public final class TestClock extends Clock {

    /** Default wall-clock start; any fixed instant works. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    // arbitrary and negative, like nanoTime may be: code must only ever subtract two readings
    private static final long NANO_ORIGIN = -5_000_000_000L;

    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public TestClock() {
        this(DEFAULT_START);
    }

    public TestClock(Instant start) {
        this.start = start;
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        elapsedNanos.addAndGet(duration.toNanos());
    }

    /** A monotonic nanosecond reading with an arbitrary (negative) origin; use as {@code clock::nanos}. */
    public long nanos() {
        return NANO_ORIGIN + elapsedNanos.get();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
