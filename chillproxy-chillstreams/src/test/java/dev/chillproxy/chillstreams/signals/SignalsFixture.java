package dev.chillproxy.chillstreams.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.testing.TestClock;

/** A throw-away database with the pool's and the signals' tables, a test clock, and helpers to fill the usage log. */
final class SignalsFixture implements AutoCloseable {

    /** Low thresholds, so a test needs three of something, not thirteen. */
    static final SignalThresholds LOW = new SignalThresholds(Duration.ofHours(24), 2, 2, 2, Duration.ofHours(2),
            10_000_000_000L, 3);

    final TestDatabase test;
    final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    final EmbeddedPool pool;

    SignalsFixture(Engine engine) {
        this.test = TestDatabase.create(engine);
        test.database().migrate("pool");
        test.database().migrate("signals");
        this.pool = new EmbeddedPool(test.database(), PoolKeyCipher.of(PoolKeyCipher.generateKey()), clock);
    }

    Database database() {
        return test.database();
    }

    Sightings sightings() {
        return new Sightings(database(), clock, clock::nanos);
    }

    AbuseScan scan() {
        return new AbuseScan(database(), LOW);
    }

    /** A served playback of {@code hash} ({@code bytes} its file's size) by {@code user}, now. */
    void served(String user, String hash, long bytes) {
        pool.logUsage(List.of(new UsageEvent(UUID.randomUUID().toString(), user, "key-1", "stream-served", hash, true, bytes,
                clock.instant(), UsageEvent.SERVED, "")));
    }

    void denied(String user, String reason) {
        pool.logUsage(List.of(new UsageEvent(UUID.randomUUID().toString(), user, "", "denied", "", false, 0,
                clock.instant(), "", reason)));
    }

    @Override
    public void close() {
        test.close();
    }
}
