package dev.chillproxy.chillstreams.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.chillstreams.pool.UsageLog;
import dev.chillproxy.chillstreams.testing.CapturedStderr;
import dev.chillproxy.core.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Usage events of concurrent requests share commits, each is committed before its request goes on, none is lost. */
class GroupCommitTest {

    private static final Duration PATIENT = Duration.ofSeconds(30); // the mechanism, not the machine's speed, is tested
    private static final int THREADS = 16;
    private static final int PER_THREAD = 40;

    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));

    private static UsageEvent event(String id) {
        return new UsageEvent(id, "user-1", "key-1", "stream-list", "", false, 0, Instant.parse("2030-01-01T00:00:00Z"));
    }

    private static EmbeddedPool embedded(Database database, TestClock clock) {
        EmbeddedPool.MIGRATIONS.forEach(database::migrate);
        return new EmbeddedPool(database, PoolKeyCipher.of(PoolKeyCipher.generateKey()), clock);
    }

    private static long rows(Database database, String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT event_id) * 1000000 + count(*) FROM "
                + table).mapTo(Long.class).one());
    }

    /** Every thread records its events at once; returns when all calls returned. */
    private static void recordConcurrently(UsageOutbox outbox) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        outbox.record(event("evt-" + thread + "-" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eventsOfManyConcurrentRequestsLandInTheUsageLogExactlyOnce(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            UsageOutbox outbox = UsageOutbox.direct(embedded(db.database(), clock), clock, PATIENT);

            recordConcurrently(outbox);

            long expected = THREADS * PER_THREAD;
            assertEquals(expected * 1_000_000 + expected, rows(db.database(), "torbox_pool_usage_logs"),
                    "each event once, none missing");
            assertEquals(0, outbox.depth());
            assertTrue(outbox.drain(Duration.ofSeconds(5)));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eventsOfManyConcurrentRequestsLandInTheDurableOutboxExactlyOnce(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            UsageOutbox.MIGRATIONS.forEach(db.database()::migrate);
            UsageOutbox outbox = UsageOutbox.durable(db.database(), events -> { }, clock);

            recordConcurrently(outbox);

            long expected = THREADS * PER_THREAD;
            assertEquals(expected * 1_000_000 + expected, rows(db.database(), "usage_outbox"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRecordedEventIsCommittedWhenRecordReturns(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            UsageOutbox outbox = UsageOutbox.direct(embedded(db.database(), clock), clock, PATIENT);
            try (Database fresh = Database.open(db.url())) { // another pool: sees committed rows only
                for (int i = 0; i < 20; i++) {
                    outbox.record(event("evt-" + i));

                    int seen = i;
                    int onDisk = fresh.jdbi().withHandle(h -> h.createQuery(
                                    "SELECT count(*) FROM torbox_pool_usage_logs WHERE event_id = :id")
                            .bind("id", "evt-" + seen).mapTo(Integer.class).one());
                    assertEquals(1, onDisk, "event " + i + " on disk");
                }
            }
        }
    }

    /** Under steady load the queue never empties: the request that led a commit must not go on leading the next ones. */
    @Test
    @Timeout(60)
    void aRequestLeadsOneCommitAndGoesOnWhileAnotherLeadsTheNext() throws Exception {
        HeldFirstCommit run = holdFirstCommitWhileOthersQueue();
        assertEquals(2, run.commits().size());
        assertTrue(run.commits().get(1).committer() != run.firstRequest(),
                "the next group was led by a request still waiting for it");
    }

    @Test
    @Timeout(60)
    void requestsArrivingDuringACommitShareTheNextOne() throws Exception {
        HeldFirstCommit run = holdFirstCommitWhileOthersQueue();
        assertEquals(List.of(1, THREADS), run.commits().stream().map(Commit::size).toList(),
                "two commits for " + (THREADS + 1) + " requests");
    }

    private record Commit(Thread committer, int size) {
    }

    private record HeldFirstCommit(Thread firstRequest, List<Commit> commits) {
    }

    /**
     * One request records an event and its commit is held until {@link #THREADS} more requests queue behind it; then
     * it is let go and every request's call returns. Returns the first request's thread and each commit made.
     */
    private HeldFirstCommit holdFirstCommitWhileOthersQueue() throws Exception {
        CountDownLatch firstCommitRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Commit> commits = Collections.synchronizedList(new ArrayList<>());
        UsageLog slowFirst = events -> {
            if (commits.isEmpty()) {
                firstCommitRunning.countDown();
                await(releaseFirst);
            }
            commits.add(new Commit(Thread.currentThread(), events.size()));
        };
        UsageOutbox outbox = UsageOutbox.direct(slowFirst, clock, PATIENT);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS + 1);
        try {
            Thread[] first = new Thread[1];
            Future<?> firstRequest = executor.submit(() -> {
                first[0] = Thread.currentThread();
                outbox.record(event("first"));
            });
            assertTrue(firstCommitRunning.await(10, TimeUnit.SECONDS));
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String id = "evt-" + i;
                others.add(executor.submit(() -> outbox.record(event(id))));
            }
            until(() -> outbox.depth() == THREADS); // every other request waits behind the running commit
            releaseFirst.countDown();
            firstRequest.get(10, TimeUnit.SECONDS);
            for (Future<?> other : others) {
                other.get(10, TimeUnit.SECONDS);
            }
            return new HeldFirstCommit(first[0], List.copyOf(commits));
        } finally {
            releaseFirst.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void aGroupTheDatabaseRefusedIsRetriedFromMemoryAndLaterGroupsStillCommit() {
        AtomicInteger calls = new AtomicInteger();
        List<String> stored = Collections.synchronizedList(new ArrayList<>());
        UsageLog failsTwice = events -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new PoolUnavailableException("database down");
            }
            if (call == 2) {
                throw new OutOfMemoryError("the writer thread must survive this too");
            }
            events.forEach(e -> stored.add(e.eventId()));
        };
        UsageOutbox outbox = UsageOutbox.direct(failsTwice, clock, PATIENT);
        try (CapturedStderr stderr = new CapturedStderr()) {
            outbox.record(event("a")); // refused: kept in memory
            outbox.record(event("b")); // the last commit failed: no database call, queued, the request goes on
            assertEquals(1, calls.get());
            assertEquals(2, outbox.depth(), "both wait, reported in the outbox depth");

            outbox.deliverBatch(clock.millis()); // the next round: b's group hits an Error, then a and b are stored

            assertEquals(List.of("a", "b"), stored);
            assertEquals(0, outbox.depth());
            outbox.record(event("c"));
            assertEquals(List.of("a", "b", "c"), stored, "committed at once again after the failures");
            assertTrue(stderr.text().contains("could not store 1 events"), stderr.text());
        }
    }

    /** Waits for a state the writer thread reaches; the test fails by its own timeout if it never does. */
    private static void until(BooleanSupplier state) {
        while (!state.getAsBoolean()) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
