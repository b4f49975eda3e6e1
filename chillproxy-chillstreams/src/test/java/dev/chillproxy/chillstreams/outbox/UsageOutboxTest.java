package dev.chillproxy.chillstreams.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.chillstreams.pool.UsageLog;
import dev.chillproxy.chillstreams.testing.CapturedStderr;
import dev.chillproxy.core.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UsageOutboxTest {

    private static final String USER = "0b7f9a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b";

    private final TestClock clock = new TestClock(Instant.parse("2026-03-04T00:00:00Z"));

    private static UsageEvent event(int n) {
        return new UsageEvent("evt-" + n, USER, "key-1", n % 2 == 0 ? "stream-list" : "stream-served", "hash" + n,
                n % 3 == 0, 1000L * n, Instant.parse("2026-03-04T05:06:07.123456Z").plusSeconds(n));
    }

    /** A durable outbox on a database with its migrations applied, as the composition root does. */
    private UsageOutbox durable(Database database, UsageLog target) {
        UsageOutbox.MIGRATIONS.forEach(database::migrate);
        return UsageOutbox.durable(database, target, clock);
    }

    private static List<UsageEvent> events(int count) {
        return IntStream.range(0, count).mapToObj(UsageOutboxTest::event).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordedEventsAreDeliveredAsTheyWereAndThenRemoved(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Receiver receiver = new Receiver();
            UsageOutbox outbox = durable(db.database(), receiver);
            events(3).forEach(outbox::record);
            outbox.record(event(1)); // recorded twice, kept once
            assertEquals(3, outbox.depth());

            assertEquals(new UsageOutbox.Round.Delivered(3), outbox.deliverBatch(clock.millis()));

            assertEquals(events(3), receiver.deliveredInOrder());
            assertEquals(0, outbox.depth());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void failingReceiverDelaysEventsAndRecoveryDeliversEachOnce(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Receiver receiver = new Receiver();
            UsageOutbox outbox = durable(db.database(), receiver);
            events(150).forEach(outbox::record);
            receiver.down = true;

            assertInstanceOf(UsageOutbox.Round.Failed.class, outbox.deliverBatch(clock.millis())); // first 100
            assertInstanceOf(UsageOutbox.Round.Failed.class, outbox.deliverBatch(clock.millis())); // other 50
            assertEquals(new UsageOutbox.Round.Delivered(0), outbox.deliverBatch(clock.millis()), "all postponed");
            clock.advance(UsageOutbox.MAX_BACKOFF);
            assertInstanceOf(UsageOutbox.Round.Failed.class, outbox.deliverBatch(clock.millis()));
            assertEquals(150, outbox.depth(), "nothing dropped");

            receiver.down = false;
            clock.advance(UsageOutbox.MAX_BACKOFF);
            while (!(outbox.deliverBatch(clock.millis()) instanceof UsageOutbox.Round.Delivered d && d.count() == 0)) {
                clock.advance(UsageOutbox.MAX_BACKOFF);
            }

            assertEquals(0, outbox.depth());
            assertEquals(150, receiver.byId.size());
            assertTrue(receiver.byId.values().stream().allMatch(times -> times == 1), "each event delivered once");
            assertEquals(3, receiver.refusedBatches);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void backgroundLoopDeliversWithoutBeingAsked(Engine engine) throws InterruptedException {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Receiver receiver = new Receiver();
            receiver.expect(250);
            UsageOutbox outbox = durable(db.database(), receiver);
            events(250).forEach(outbox::record);

            outbox.start();

            assertTrue(receiver.arrived.await(20, TimeUnit.SECONDS), "delivered in the background");
            assertTrue(outbox.drain(Duration.ofSeconds(5)));
            assertEquals(250, receiver.byId.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eventsLeftByAStoppedProcessAreDeliveredByTheNextOneOnce(Engine engine) throws InterruptedException {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Receiver down = new Receiver();
            down.down = true;
            down.refusalTakes = Duration.ofMillis(300);
            down.expect(1);
            UsageOutbox first = durable(db.database(), down);
            events(120).forEach(first::record);
            first.start();
            assertTrue(down.arrived.await(20, TimeUnit.SECONDS), "the first process tried");
            assertFalse(first.drain(Duration.ZERO), "stopped without delivering");
            // time passes before the next start: the postponed batch is due again, and a claim the stopped process
            // could not release has expired (a claim outlasts the longest backoff). The stopped process's refusal
            // was still in flight; drain returned only after it ended, so it cannot postpone the batch past now.
            clock.advance(UsageOutbox.CLAIM);

            Receiver up = new Receiver();
            up.expect(120);
            try (Database restarted = Database.open(db.url())) {
                UsageOutbox second = durable(restarted, up);
                assertEquals(120, second.depth());
                second.start();
                assertTrue(awaitWhileTimePasses(up.arrived), "delivered after the restart");
                assertTrue(second.drain(Duration.ofSeconds(5)));
            }
            assertEquals(events(120).size(), up.byId.size());
            assertTrue(up.byId.values().stream().allMatch(times -> times == 1));
            assertTrue(down.byId.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void drainDeliversWhatIsLeftOrKeepsItWhenTheReceiverIsDown(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Receiver receiver = new Receiver();
            receiver.down = true;
            UsageOutbox outbox = durable(db.database(), receiver);
            events(230).forEach(outbox::record);

            assertFalse(outbox.drain(Duration.ofSeconds(5)));
            assertEquals(230, outbox.depth());

            receiver.down = false;
            assertTrue(outbox.drain(Duration.ofSeconds(5)), "drain ignores the backoff schedule");
            assertEquals(230, receiver.byId.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordNeverThrowsAndLogsNoUserId(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Database broken = Database.open(db.url());
            UsageOutbox outbox = durable(broken, new Receiver());
            broken.close();

            try (CapturedStderr log = new CapturedStderr()) {
                outbox.record(event(7));
                String text = log.text();
                assertTrue(text.contains("evt-7"), text);
                assertFalse(text.contains(USER), text);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anErrorThrownDuringARoundDoesNotEndDelivery(Engine engine) throws InterruptedException {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Receiver receiver = new Receiver();
            receiver.expect(5);
            receiver.errorsToThrow = 1; // as seen after an OutOfMemoryError in production
            UsageOutbox outbox = durable(db.database(), receiver);
            events(5).forEach(outbox::record);

            outbox.start();

            assertTrue(receiver.arrived.await(15, TimeUnit.SECONDS), "delivered after the Error, by a later round");
            assertTrue(outbox.drain(Duration.ofSeconds(5)));
            assertEquals(5, receiver.byId.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eventsTheTableRefusedWaitInMemoryAndAreStoredAndDeliveredLater(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Receiver receiver = new Receiver();
            UsageOutbox outbox = durable(db.database(), receiver);
            db.database().jdbi().useHandle(h -> h.execute("ALTER TABLE usage_outbox RENAME TO usage_outbox_away"));
            try (CapturedStderr log = new CapturedStderr()) {
                events(3).forEach(outbox::record);
                assertFalse(log.text().contains(USER), log.text());
            }
            assertInstanceOf(UsageOutbox.Round.Failed.class, outbox.deliverBatch(clock.millis()), "the table is still away");

            db.database().jdbi().useHandle(h -> h.execute("ALTER TABLE usage_outbox_away RENAME TO usage_outbox"));
            assertEquals(3, outbox.depth());
            assertEquals(new UsageOutbox.Round.Delivered(3), outbox.deliverBatch(clock.millis()));
            assertEquals(events(3), receiver.deliveredInOrder());
            assertEquals(0, outbox.depth());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void lastDeliveryMovesOnlyWhenTheTargetAcceptedABatch(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Receiver receiver = new Receiver();
            Instant created = clock.instant();
            UsageOutbox outbox = durable(db.database(), receiver);
            assertEquals(created, outbox.lastDelivery());
            outbox.record(event(1));
            receiver.down = true;
            clock.advance(Duration.ofMinutes(1));
            outbox.deliverBatch(Long.MAX_VALUE);
            assertEquals(created, outbox.lastDelivery());

            receiver.down = false;
            clock.advance(Duration.ofMinutes(1));
            outbox.deliverBatch(Long.MAX_VALUE);
            assertEquals(created.plus(Duration.ofMinutes(2)), outbox.lastDelivery());
        }
    }

    @Test
    void backoffDoublesToAMinuteWithJitter() {
        for (int draw = 0; draw < 50; draw++) {
            assertBetween(500, 1_000, UsageOutbox.backoff(1));
            assertBetween(1_000, 2_000, UsageOutbox.backoff(2));
            assertBetween(16_000, 32_000, UsageOutbox.backoff(6));
            assertBetween(30_000, 60_000, UsageOutbox.backoff(7));
            assertBetween(30_000, 60_000, UsageOutbox.backoff(1_000));
        }
    }

    /** Embedded mode: a refused insert waits in memory and is stored by the next round, never lost. */
    @Test
    void aDirectOutboxKeepsAnEventTheLogRefusedAndStoresItNextRound() {
        Receiver log = new Receiver();
        log.down = true;
        UsageOutbox outbox = UsageOutbox.direct(log, clock);

        outbox.record(event(1));
        assertEquals(1, outbox.depth());
        assertTrue(log.byId.isEmpty());

        log.down = false;
        assertEquals(new UsageOutbox.Round.Delivered(0), outbox.deliverBatch(clock.millis()));
        assertEquals(List.of(event(1)), log.deliveredInOrder());
        assertEquals(0, outbox.depth());

        outbox.record(event(2));
        assertEquals(List.of(event(1), event(2)), log.deliveredInOrder(), "stored at once, no round needed");
        assertTrue(outbox.drain(Duration.ofSeconds(1)));
    }

    @Test
    void withAJournalRecordDoesNotWaitForTheLogAndTheLoopMovesEachEventOnce(@TempDir Path folder) throws Exception {
        Receiver log = new Receiver();
        try (UsageOutbox outbox = UsageOutbox.direct(log, clock, UsageJournal.open(folder))) {
            log.expect(50);
            events(50).forEach(outbox::record);
            assertTrue(log.byId.isEmpty(), "recorded in the journal only: no request waited for the log");
            assertEquals(50, outbox.depth());

            outbox.start();
            assertTrue(log.arrived.await(20, TimeUnit.SECONDS));
            assertEquals(events(50), log.deliveredInOrder());
            assertTrue(log.byId.values().stream().allMatch(times -> times == 1));
        }
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aMoveTheLogRefusedIsRetriedFromTheJournalFilesWithNothingLostOrDoubled(@TempDir Path folder) throws IOException {
        Receiver log = new Receiver();
        try (UsageOutbox outbox = UsageOutbox.direct(log, clock, UsageJournal.open(folder));
             CapturedStderr stderr = new CapturedStderr()) {
            log.down = true;
            events(3).forEach(outbox::record);
            outbox.flush();
            outbox.record(event(3));
            outbox.flush();
            assertEquals(4, outbox.depth(), "both segments wait in their files");
            assertFalse(stderr.text().contains(USER), stderr.text());

            log.down = false;
            outbox.flush();
            assertEquals(events(4), log.deliveredInOrder());
            assertEquals(0, outbox.depth());
            outbox.flush();
            assertTrue(log.byId.values().stream().allMatch(times -> times == 1));
        }
    }

    /**
     * Waits up to 20 s for {@code latch} while the test clock moves a backoff ceiling every 100 ms: a round that fails
     * for a moment (the stopped process's last statement still holding a row, say) postpones its batch on the test
     * clock, and without time passing it would never be due again.
     */
    private boolean awaitWhileTimePasses(CountDownLatch latch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!latch.await(100, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            clock.advance(UsageOutbox.MAX_BACKOFF);
        }
        return true;
    }

    private static void assertBetween(long lowMillis, long highMillis, Duration actual) {
        assertTrue(actual.toMillis() >= lowMillis && actual.toMillis() <= highMillis, actual.toString());
    }

    /** An idempotent receiver that counts how often each event id arrived; can be switched off. */
    private static final class Receiver implements UsageLog {
        final Map<String, Integer> byId = new LinkedHashMap<>();
        final List<UsageEvent> events = new ArrayList<>();
        volatile boolean down;
        Duration refusalTakes = Duration.ZERO;
        int errorsToThrow;
        int refusedBatches;
        private CountDownLatch arrived = new CountDownLatch(0);
        private int awaited;

        /** {@link #arrived} opens after this many events were accepted, or this many batches refused. */
        synchronized void expect(int count) {
            awaited = count;
            arrived = new CountDownLatch(1);
        }

        @Override
        public synchronized void logUsage(List<UsageEvent> batch) {
            if (errorsToThrow > 0) {
                errorsToThrow--;
                throw new OutOfMemoryError("simulated");
            }
            if (down) {
                refusedBatches++;
                if (refusedBatches >= awaited) {
                    arrived.countDown();
                }
                // a slow refusal, deaf to interrupts like a blocked socket: the caller's stop lands mid-call
                long until = System.nanoTime() + refusalTakes.toNanos();
                while (System.nanoTime() - until < 0) {
                    LockSupport.parkNanos(until - System.nanoTime());
                }
                throw new PoolUnavailableException("receiver down");
            }
            for (UsageEvent event : batch) {
                if (byId.merge(event.eventId(), 1, Integer::sum) == 1) {
                    events.add(event);
                }
            }
            if (byId.size() >= awaited) {
                arrived.countDown();
            }
        }

        synchronized List<UsageEvent> deliveredInOrder() {
            return List.copyOf(events);
        }
    }
}
