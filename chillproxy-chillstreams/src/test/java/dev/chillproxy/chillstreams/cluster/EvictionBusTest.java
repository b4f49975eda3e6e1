package dev.chillproxy.chillstreams.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.testing.CapturedStderr;
import org.junit.jupiter.api.Test;

class EvictionBusTest {

    @Test
    void onSqliteAChangeIsEvictedHereAndTheCacheIsAlwaysTrusted() {
        try (TestDatabase db = TestDatabase.sqlite()) {
            RecordingCaches caches = new RecordingCaches();
            FeedStatus feed = EvictionBus.feedFor(db.database());
            try (EvictionBus bus = EvictionBus.of(db.database(), feed, caches)) {
                bus.start();
                assertTrue(feed.isUp());
                bus.changes().userChanged("alice");
                bus.changes().keyRetired("k1");
                assertEquals(List.of("user alice", "key k1"), caches.seen);
            }
        }
    }

    @Test
    void aChangeOnOneInstanceIsEvictedOnTheOtherWithinASecond() throws Exception {
        try (TestDatabase db = TestDatabase.postgres(); Database second = Database.open(db.url())) {
            RecordingCaches cachesA = new RecordingCaches();
            RecordingCaches cachesB = new RecordingCaches();
            FeedStatus feedA = EvictionBus.feedFor(db.database());
            FeedStatus feedB = EvictionBus.feedFor(second);
            assertFalse(feedB.isUp(), "no cached grant is trusted before the instance listens");
            try (EvictionBus a = EvictionBus.of(db.database(), feedA, cachesA); EvictionBus b = EvictionBus.of(second, feedB, cachesB)) {
                a.start();
                b.start();
                await(() -> feedA.isUp() && feedB.isUp(), 10_000);

                long[] delays = new long[20];
                for (int i = 0; i < delays.length; i++) {
                    int before = cachesB.seen.size();
                    long sent = System.nanoTime();
                    a.changes().userChanged("user-" + i);
                    await(() -> cachesB.seen.size() > before, 1_000);
                    delays[i] = cachesB.at.get(cachesB.at.size() - 1) - sent;
                    assertEquals("user user-" + i, cachesB.seen.get(cachesB.seen.size() - 1));
                }
                a.changes().afterKeyProblems((key, problem) -> { }).reportKeyProblem("k9", new KeyProblem.Unauthorized());
                await(() -> cachesB.seen.contains("key k9"), 1_000);
                java.util.Arrays.sort(delays);
                System.out.printf("NOTIFY -> evicted on the other instance: median %.2f ms, max %.2f ms (n=%d)%n",
                        delays[delays.length / 2] / 1e6, delays[delays.length - 1] / 1e6, delays.length);
            }
        }
    }

    @Test
    void aLostListenConnectionDistrustsTheCacheUntilItIsBackThenCatchesUp() throws Exception {
        try (TestDatabase db = TestDatabase.postgres(); Database second = Database.open(db.url())) {
            RecordingCaches cachesA = new RecordingCaches();
            RecordingCaches cachesB = new RecordingCaches();
            FeedStatus feedA = EvictionBus.feedFor(db.database());
            FeedStatus feedB = EvictionBus.feedFor(second);
            try (EvictionBus a = EvictionBus.of(db.database(), feedA, cachesA); EvictionBus b = EvictionBus.of(second, feedB, cachesB)) {
                a.start();
                b.start();
                await(() -> feedA.isUp() && feedB.isUp(), 10_000);
                long catchUps = cachesB.seen.stream().filter("all"::equals).count();

                String channel = NotifyChannel.of(second).name();
                try (CapturedStderr logs = new CapturedStderr()) {
                    terminateListeners(db, channel);
                    await(() -> !feedB.isUp(), 5_000);
                    await(feedB, 10_000);
                    assertTrue(logs.text().contains("revocation feed lost (PSQLException (SQL state 57P01))"), logs.text());
                }

                assertTrue(cachesB.seen.stream().filter("all"::equals).count() > catchUps, "caught up once back");
                a.changes().keyRetired("k2");
                await(() -> cachesB.seen.contains("key k2"), 1_000);
            }
        }
    }

    private static void terminateListeners(TestDatabase db, String channel) {
        db.database().jdbi().useHandle(handle -> handle.createQuery(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name")
                .bind("name", channel).mapTo(Boolean.class).list());
    }

    static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + millis + " ms");
            }
            Thread.sleep(2);
        }
    }

    static final class RecordingCaches implements CacheEvictions {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<Long> at = new CopyOnWriteArrayList<>();

        @Override
        public void evictUser(String userId) {
            record("user " + userId);
        }

        @Override
        public void evictKey(String poolKeyId) {
            record("key " + poolKeyId);
        }

        @Override
        public void evictAll() {
            record("all");
        }

        private void record(String what) {
            at.add(System.nanoTime());
            seen.add(what);
        }
    }
}
