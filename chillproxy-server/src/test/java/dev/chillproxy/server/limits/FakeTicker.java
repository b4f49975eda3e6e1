package dev.chillproxy.server.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;

/** A clock that moves only when told; starts at an arbitrary, negative, nanoTime-like value. */
final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);

    @Override
    public long read() {
        return nanos.get();
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
