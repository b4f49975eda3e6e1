package dev.chillproxy.chillstreams.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.chillstreams.pool.UsageLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Several outboxes on one table (instances on one database, or rounds racing a drain): each event is sent once. */
class SharedOutboxTest {

    private static final int EVENTS = 1_000;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoInstancesDeliverEveryEventExactlyOnce(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine); Database second = Database.open(db.url())) {
            UsageOutbox.MIGRATIONS.forEach(db.database()::migrate);
            CountingRemote remote = new CountingRemote();
            UsageOutbox a = UsageOutbox.durable(db.database(), remote, Clock.systemUTC());
            UsageOutbox b = UsageOutbox.durable(second, remote, Clock.systemUTC());
            for (int n = 0; n < EVENTS; n++) {
                (n % 2 == 0 ? a : b).record(new UsageEvent("evt-" + n, "user-" + n % 7, "key-1", "stream-served",
                        "hash" + n, true, n, Instant.parse("2026-03-04T05:06:07Z").plusSeconds(n)));
            }

            ExecutorService rounds = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (UsageOutbox outbox : List.of(a, b, a, b)) {
                    running.add(rounds.submit(() -> {
                        while (outbox.depth() > 0) {
                            outbox.deliverBatch(System.currentTimeMillis());
                        }
                        return null;
                    }));
                }
                for (Future<?> round : running) {
                    round.get();
                }
            } finally {
                rounds.shutdownNow();
            }

            assertEquals(EVENTS, remote.received.size(), "every event arrived");
            assertTrue(remote.received.values().stream().allMatch(count -> count.get() == 1),
                    "an event was sent twice: " + remote.duplicates());
        }
    }

    /** The remote Chillstreams, counting how often each event id arrives; slow enough for claims to overlap. */
    private static final class CountingRemote implements UsageLog {
        final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

        @Override
        public void logUsage(List<UsageEvent> batch) {
            batch.forEach(event -> received.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet());
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long duplicates() {
            return received.values().stream().filter(count -> count.get() > 1).count();
        }
    }
}
