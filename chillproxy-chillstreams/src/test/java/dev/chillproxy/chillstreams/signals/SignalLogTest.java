package dev.chillproxy.chillstreams.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;

/** A signal is new once per user and window, whichever instance sees it, and keeps its evidence. */
class SignalLogTest {

    private static final Duration WINDOW = Duration.ofHours(24);

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSignalIsNewOncePerWindowAndItsEvidenceIsKept(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            SignalLog log = new SignalLog(f.database(), new ObjectMapper());
            Instant start = f.clock.instant();

            assertTrue(log.raise(signal(start, 3), start.minus(WINDOW)));
            f.clock.advance(Duration.ofHours(23));
            assertFalse(log.raise(signal(f.clock.instant(), 4), f.clock.instant().minus(WINDOW)), "raised 23 h ago");
            log.markAutoDisabled("ann", SignalKind.DEVICE_CHURN);

            Signal stored = log.since(start, 10).get(0);
            assertEquals(start, stored.raisedAt(), "still the first raise");
            assertEquals(4, stored.observed(), "the evidence follows what is true now");
            assertEquals(List.of(new Evidence("tv", "", 0, start, start.plusSeconds(4))), stored.evidence());
            assertTrue(stored.autoDisabled());
            assertEquals(1L, log.countsSince(start).get(SignalKind.DEVICE_CHURN));
            assertEquals(0L, log.countsSince(start).get(SignalKind.BYTES));

            f.clock.advance(Duration.ofHours(1));
            assertTrue(log.raise(signal(f.clock.instant(), 3), f.clock.instant().minus(WINDOW)), "a day later it is new again");
            assertFalse(log.since(start, 10).get(0).autoDisabled(), "a new raise starts without a disable");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoInstancesScanningTheSameDataRaiseItOnce(Engine engine) throws Exception {
        try (SignalsFixture f = new SignalsFixture(engine);
             Database second = Database.open(f.test.url())) {
            List<SignalLog> logs = List.of(new SignalLog(f.database(), new ObjectMapper()), new SignalLog(second, new ObjectMapper()));
            Instant now = f.clock.instant();
            ExecutorService threads = Executors.newFixedThreadPool(6);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> raises = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                SignalLog log = logs.get(i % 2);
                raises.add(threads.submit(() -> {
                    go.await();
                    return log.raise(signal(now, 3), now.minus(WINDOW));
                }));
            }
            go.countDown();
            int raised = 0;
            for (Future<Boolean> raise : raises) {
                raised += raise.get() ? 1 : 0;
            }
            threads.shutdown();

            assertEquals(1, raised);
        }
    }

    private static Signal signal(Instant at, long devices) {
        return new Signal("ann", SignalKind.DEVICE_CHURN, devices, 2, at,
                List.of(new Evidence("tv", "", 0, Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:04Z"))), false);
    }
}
