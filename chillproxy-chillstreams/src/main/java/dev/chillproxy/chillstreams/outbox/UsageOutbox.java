package dev.chillproxy.chillstreams.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.pool.PoolClient;
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.secret.ApiKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable, at-least-once delivery of usage events: {@link #record} writes each event to the
 * {@code usage_outbox} table first; a background thread sends the oldest due events in batches to a
 * {@link PoolClient#logUsage} target (the remote Chillstreams or the embedded pool) and deletes them only
 * after the target accepted them. A failed batch is postponed with exponential backoff (1 s doubling to
 * 60 s, with jitter) and nothing is dropped; rows a crash left behind are delivered after the next start.
 * Receivers deduplicate by event id; several instances sharing one database may deliver an event twice.
 * An event the table cannot take (database down) waits in a bounded in-memory queue and is stored by the next
 * round; anything thrown in a round, {@link Error}s included, only postpones the next one.
 *
 * <p>Thread-safe: {@link #record} and {@link #depth} from any thread; deliveries run on one daemon thread,
 * or on the caller of {@link #drain} once that thread has stopped.
 */
public final class UsageOutbox implements AutoCloseable {

    public static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(10);
    static final int BATCH_SIZE = 100;
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** Events kept in memory while the table refuses them; beyond that they are dropped (and logged). */
    static final int MAX_UNSAVED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(UsageOutbox.class);

    private final OutboxTable table;
    private final PoolClient target;
    private final Clock clock;
    private final Deque<UsageEvent> unsaved = new ConcurrentLinkedDeque<>();
    private final AtomicInteger unsavedCount = new AtomicInteger();
    private ScheduledExecutorService loop;
    private volatile int failures;
    private volatile Instant lastDelivery;

    public UsageOutbox(Database database, PoolClient target) {
        this(database, target, Clock.systemUTC());
    }

    /** Applies the {@code outbox} migrations; {@code clock} decides when postponed events are due. */
    public UsageOutbox(Database database, PoolClient target, Clock clock) {
        database.migrate("outbox");
        this.table = new OutboxTable(database.jdbi());
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastDelivery = clock.instant();
    }

    /** Stores the event for delivery; never throws, so a usage record cannot break a request. */
    public void record(UsageEvent event) {
        try {
            table.insert(event, clock.millis());
        } catch (RuntimeException e) {
            keepUnsaved(event, e);
        }
    }

    private void keepUnsaved(UsageEvent event, RuntimeException e) {
        // the exception's message would carry the bound values: name its type only
        if (unsavedCount.incrementAndGet() <= MAX_UNSAVED) {
            unsaved.addLast(event);
            LOG.warn("usage outbox: could not store event {} ({}) of user {}: {}; kept in memory to store later",
                    event.eventId(), event.action(), ApiKey.mask(event.userId()), e.getClass().getSimpleName());
        } else {
            unsavedCount.decrementAndGet();
            LOG.error("usage outbox: could not store event {} ({}) of user {}: {}; {} events already wait in memory,"
                            + " this one is lost", event.eventId(), event.action(), ApiKey.mask(event.userId()),
                    e.getClass().getSimpleName(), MAX_UNSAVED);
        }
    }

    /** Moves events kept in memory into the table, oldest first, until the table refuses one. */
    private void storeUnsaved() {
        UsageEvent event;
        while ((event = unsaved.pollFirst()) != null) {
            try {
                table.insert(event, clock.millis());
                unsavedCount.decrementAndGet();
            } catch (RuntimeException e) {
                unsaved.addFirst(event);
                return;
            }
        }
    }

    /** Events waiting for delivery, in the table and in memory. */
    public long depth() {
        return table.count() + unsavedCount.get();
    }

    /** When the target last accepted a batch (the outbox's creation before the first); for an alert on stuck delivery. */
    public Instant lastDelivery() {
        return lastDelivery;
    }

    /** Starts the delivery thread; a second call does nothing. */
    public synchronized void start() {
        if (loop == null) {
            loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "usage-outbox");
                thread.setDaemon(true);
                return thread;
            });
            schedule(Duration.ZERO);
        }
    }

    /**
     * Stops the delivery thread, then delivers what it can until the outbox is empty, the target fails or
     * {@code within} has passed. {@link Duration#ZERO} stops at once; the rows stay for the next start.
     *
     * @return true when no event is left waiting
     */
    public boolean drain(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        stopLoop(deadline);
        while (System.nanoTime() - deadline < 0) {
            Round round = deliverBatch(Long.MAX_VALUE);
            if (round instanceof Round.Failed || (round instanceof Round.Delivered delivered && delivered.count() == 0)) {
                break;
            }
        }
        try {
            long left = depth();
            if (left > 0) {
                LOG.warn("usage outbox: {} events left for the next start", left);
            }
            return left == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Drains for at most {@link #SHUTDOWN_DRAIN}. */
    @Override
    public void close() {
        drain(SHUTDOWN_DRAIN);
    }

    private synchronized void stopLoop(long deadline) {
        if (loop == null) {
            return;
        }
        loop.shutdown();
        try {
            long wait = Math.max(0, deadline - System.nanoTime());
            if (!loop.awaitTermination(wait, TimeUnit.NANOSECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(Duration delay) {
        try {
            loop.schedule(this::runRound, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: the rows wait in the table
        }
    }

    void runRound() {
        Duration next = POLL_INTERVAL;
        try {
            Round round = deliverBatch(clock.millis());
            if (round instanceof Round.Failed failed) {
                next = failed.retryIn();
            } else if (round instanceof Round.Delivered delivered && delivered.count() == BATCH_SIZE) {
                next = Duration.ZERO;
            }
        } catch (Throwable t) {
            // an Error (an OutOfMemoryError, say) must not end delivery for good: the next round may well succeed
            next = backoff(++failures);
            LOG.error("usage outbox: a delivery round failed ({}); retrying in {} ms", t.getClass().getSimpleName(),
                    next.toMillis());
        } finally {
            schedule(next);
        }
    }

    /** Stores events kept in memory, then sends one batch of the oldest events due by {@code dueBy}. */
    Round deliverBatch(long dueByMillis) {
        List<UsageEvent> batch = List.of();
        try {
            storeUnsaved();
            batch = table.oldestDue(dueByMillis, BATCH_SIZE);
            if (!batch.isEmpty()) {
                target.logUsage(batch);
                table.delete(batch.stream().map(UsageEvent::eventId).toList());
                lastDelivery = clock.instant();
            }
            failures = 0;
            return new Round.Delivered(batch.size());
        } catch (RuntimeException e) {
            Duration retryIn = backoff(++failures);
            String why = e instanceof PoolUnavailableException ? e.getMessage() : e.getClass().getSimpleName();
            LOG.warn("usage outbox: delivering {} events failed ({}); retrying in {} ms", batch.size(), why,
                    retryIn.toMillis());
            postpone(batch, retryIn);
            return new Round.Failed(retryIn);
        }
    }

    private void postpone(List<UsageEvent> batch, Duration retryIn) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            table.postpone(batch.stream().map(UsageEvent::eventId).toList(), clock.millis() + retryIn.toMillis());
        } catch (RuntimeException e) {
            LOG.warn("usage outbox: could not postpone a failed batch: {}", e.getClass().getSimpleName());
        }
    }

    /** 1 s, 2 s, 4 s … capped at 60 s, each drawn from its upper half so that instances spread out. */
    static Duration backoff(int failures) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 16));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** What one delivery attempt did. */
    sealed interface Round {
        record Delivered(int count) implements Round {
        }

        record Failed(Duration retryIn) implements Round {
        }
    }
}
