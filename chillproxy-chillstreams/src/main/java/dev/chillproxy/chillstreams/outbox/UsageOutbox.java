package dev.chillproxy.chillstreams.outbox;

import java.nio.file.Path;
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
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.chillstreams.pool.UsageLog;
import dev.chillproxy.core.secret.ApiKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where usage events are recorded, in one of two modes.
 *
 * <p>{@link #durable} (a remote pool): at-least-once delivery. {@link #record} writes each event to the
 * {@code usage_outbox} table first; a background thread sends the oldest due events in batches to the
 * {@link UsageLog} (the remote Chillstreams) and deletes them only after it accepted them. A failed batch is
 * postponed with exponential backoff (1 s doubling to 60 s, with jitter) and nothing is dropped; rows a crash left
 * behind are delivered after the next start. Instances sharing one database claim their batches for
 * {@link #CLAIM} first, so each event is sent by one of them; only an instance dying mid-delivery leaves its batch to
 * be sent again once the claim expires, which is why receivers still deduplicate by event id.
 *
 * <p>{@link #direct} (the embedded pool): the usage log is a table of the same database, so {@link #record} writes
 * the event there, once; an outbox row would give no more durability.
 *
 * <p>With a {@link UsageJournal} (what the server runs), {@link #record} writes the event's line there and returns:
 * it is on disk before its answer is sent, without waiting for the database, and every {@link #MOVE_INTERVAL} the
 * loop moves the lines written meanwhile into the table in one transaction per {@link GroupCommit#MAX_GROUP} events
 * (a failed move is retried with backoff, from the files). Without a journal, or when it refuses a line (disk full),
 * {@link #record} goes through a {@link GroupCommit}: concurrent requests share one transaction, and each waits for
 * the commit holding its event (at most {@link #COMMIT_WAIT}). An event the table cannot take (database down) waits
 * in a bounded in-memory queue and is stored by the next round (every second); anything thrown in a round,
 * {@link Error}s included, only postpones the next one.
 *
 * <p>Thread-safe: {@link #record} and {@link #depth} from any thread; rounds run on one daemon thread, or on the
 * caller of {@link #drain} once that thread has stopped.
 */
public final class UsageOutbox implements AutoCloseable {

    /** The migrations ({@link Database#migrate}) a {@link #durable} outbox needs; the composition root applies them. */
    public static final List<String> MIGRATIONS = List.of("outbox");
    public static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(10);
    static final int BATCH_SIZE = 100;
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** Events kept in memory while the table refuses them; beyond that they are dropped (and logged). */
    static final int MAX_UNSAVED = 10_000;
    /** How long a claimed batch is this instance's alone: well beyond one delivery call. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    /** How long a request waits for its event's commit; normally one commit (a few ms), this only caps a stalled database. */
    static final Duration COMMIT_WAIT = Duration.ofMillis(100);
    /** How often the journal's new lines are moved into the table: what a request no longer waits for. */
    static final Duration MOVE_INTERVAL = Duration.ofMillis(100);
    /** How long a stop waits for an interrupted round's last statement. */
    private static final Duration ROUND_END_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(UsageOutbox.class);

    /** The outbox table, or null in direct mode (events go straight into the target). */
    private final OutboxTable table;
    private final UsageLog target;
    private final Clock clock;
    private final Deque<UsageEvent> unsaved = new ConcurrentLinkedDeque<>();
    private final AtomicInteger unsavedCount = new AtomicInteger();
    private final GroupCommit writer;
    /** Null: every event goes through {@link #writer}. */
    private final UsageJournal journal;
    /** Held by a move of the journal's lines (the loop's, {@link #flush}'s): one at a time. */
    private final Object moving = new Object();
    private ScheduledExecutorService loop;
    private volatile int failures;
    private volatile Instant lastDelivery;
    /** The loop thread's own: failed moves in a row, and when the next may run. */
    private int moveFailures;
    private long moveAfterNanos = System.nanoTime();

    private UsageOutbox(OutboxTable table, UsageLog target, Clock clock, Duration commitWait, UsageJournal journal) {
        this.table = table;
        this.journal = journal;
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastDelivery = clock.instant();
        this.writer = new GroupCommit(this::store, this::keepUnsaved, commitWait);
    }

    /**
     * Events go to the {@code usage_outbox} table and are delivered to {@code target} with retries; the
     * {@link #MIGRATIONS} must have been applied. {@code clock} decides when postponed events are due.
     */
    public static UsageOutbox durable(Database database, UsageLog target, Clock clock) {
        return durable(database, target, clock, null);
    }

    /** {@link #durable}, with events written to {@code journal} (null: none) on their way to the table; it closes with the outbox. */
    public static UsageOutbox durable(Database database, UsageLog target, Clock clock, UsageJournal journal) {
        return new UsageOutbox(new OutboxTable(database.jdbi(), database.engine()), target, clock, COMMIT_WAIT, journal);
    }

    /** Events go straight into {@code log}, a group per transaction; only a group it refuses waits (in memory) for a retry. */
    public static UsageOutbox direct(UsageLog log, Clock clock) {
        return direct(log, clock, (UsageJournal) null);
    }

    /** {@link #direct}, with events written to {@code journal} (null: none) on their way to the log; it closes with the outbox. */
    public static UsageOutbox direct(UsageLog log, Clock clock, UsageJournal journal) {
        return new UsageOutbox(null, log, clock, COMMIT_WAIT, journal);
    }

    /** {@link #direct} with another cap on the wait for a commit; tests use a long one. */
    static UsageOutbox direct(UsageLog log, Clock clock, Duration commitWait) {
        return new UsageOutbox(null, log, clock, commitWait, null);
    }

    /**
     * Stores the event for delivery and returns once it is in the journal, or else committed (or after
     * {@link #COMMIT_WAIT}, or at once while the database refuses events: then it waits in memory for a retry). Never
     * throws, so a usage record cannot break a request.
     */
    public void record(UsageEvent event) {
        if (journal == null || !journal.append(event)) {
            writer.submit(event);
        }
    }

    /** The loop's journal task: a move, unless a failed one asked to wait. */
    private void moveJournal() {
        if (System.nanoTime() - moveAfterNanos < 0) {
            journal.seal(true); // a full segment is kept as a file for the retry, so appends need not refuse
            return;
        }
        try {
            move();
            moveFailures = 0;
        } catch (Throwable t) {
            Duration retryIn = backoff(++moveFailures);
            moveAfterNanos = System.nanoTime() + retryIn.toNanos();
            LOG.warn("usage journal: moving {} events into the database failed ({}); retrying in {} ms",
                    journal.waiting(), t.getClass().getSimpleName(), retryIn.toMillis());
        }
    }

    /**
     * Moves the journal's lines into the table now: the admin's usage view calls it first, so that it shows every
     * answer this instance sent. Never throws: what fails stays in the journal for the loop's next move.
     */
    public void flush() {
        if (journal == null) {
            return;
        }
        try {
            move();
        } catch (RuntimeException e) {
            LOG.warn("usage journal: {} events wait in its files ({})", journal.waiting(), e.getClass().getSimpleName());
        }
    }

    /**
     * Stores the segment sealed now (from memory) and every older unstored one (from its file), deleting each file
     * once its events are committed. A group committed before a failure is stored again by the retry, as a no-op:
     * the table keeps one row per event id.
     */
    private void move() {
        synchronized (moving) {
            moveLocked();
        }
    }

    private void moveLocked() {
        UsageJournal.Segment sealed = journal.seal(false);
        if (sealed != null) {
            List<UsageEvent> events = sealed.events();
            for (int from = 0; from < events.size(); from += GroupCommit.MAX_GROUP) {
                store(events.subList(from, Math.min(events.size(), from + GroupCommit.MAX_GROUP)));
            }
            journal.stored(sealed.path());
        }
        for (Path segment : journal.unstored()) {
            journal.replay(segment, GroupCommit.MAX_GROUP, this::store);
            journal.stored(segment);
        }
    }

    /** One transaction for the group. */
    private void store(List<UsageEvent> events) {
        if (table != null) {
            table.insertAll(events, clock.millis());
        } else {
            target.logUsage(events);
            lastDelivery = clock.instant();
        }
    }

    private void keepUnsaved(List<UsageEvent> events, RuntimeException e) {
        int kept = 0;
        for (UsageEvent event : events) {
            if (unsavedCount.incrementAndGet() <= MAX_UNSAVED) {
                unsaved.addLast(event);
                kept++;
            } else {
                unsavedCount.decrementAndGet();
            }
        }
        // the exception's message would carry the bound values: name its type only
        UsageEvent first = events.get(0);
        if (kept > 0) {
            LOG.warn("usage outbox: could not store {} events (first {} ({}) of user {}): {}; kept in memory to store later",
                    kept, first.eventId(), first.action(), ApiKey.mask(first.userId()), e.getClass().getSimpleName());
        }
        if (kept < events.size()) {
            LOG.error("usage outbox: could not store {} events (first {} ({}) of user {}): {}; {} events already wait in"
                            + " memory, these are lost", events.size() - kept, first.eventId(), first.action(),
                    ApiKey.mask(first.userId()), e.getClass().getSimpleName(), MAX_UNSAVED);
        }
    }

    /** Moves events kept in memory into the table, oldest first, until the table refuses one. */
    private void storeUnsaved() {
        UsageEvent event;
        while ((event = unsaved.pollFirst()) != null) {
            try {
                store(List.of(event));
                unsavedCount.decrementAndGet();
                writer.storedElsewhere();
            } catch (RuntimeException e) {
                unsaved.addFirst(event);
                return;
            }
        }
    }

    /** Events waiting for delivery, in the table and in memory. */
    public long depth() {
        return (table == null ? 0 : table.count()) + unsavedCount.get() + writer.queued()
                + (journal == null ? 0 : journal.waiting());
    }

    /** When the target last accepted events (the outbox's creation before the first); for an alert on stuck delivery. */
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
            if (journal != null) {
                loop.scheduleWithFixedDelay(this::moveJournal, 0, MOVE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
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
        flush(); // even for a zero drain: one move, so that a stop leaves no line for the next start
        writer.flush(); // events of requests that stopped waiting: one commit, even for a zero drain
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

    /** Drains for at most {@link #SHUTDOWN_DRAIN}, then closes the journal. */
    @Override
    public void close() {
        drain(SHUTDOWN_DRAIN);
        if (journal != null) {
            journal.close();
        }
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
                // the interrupted round still finishes its statement: let it, so that no row changes after drain
                // returns (the caller closes the database next, or another process takes over the rows)
                loop.awaitTermination(ROUND_END_WAIT.toMillis(), TimeUnit.MILLISECONDS);
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
            writer.flush(); // events whose requests stopped waiting, or that queued while the database refused
            storeUnsaved();
            if (table == null) {
                return new Round.Delivered(0);
            }
            long now = clock.millis();
            batch = table.claimOldestDue(dueByMillis, now, now + CLAIM.toMillis(), BATCH_SIZE);
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
        } catch (Error e) {
            release(batch); // the next round tries again, not this batch's claim expiry
            throw e;
        }
    }

    private void release(List<UsageEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            table.release(batch.stream().map(UsageEvent::eventId).toList());
        } catch (RuntimeException e) {
            LOG.warn("usage outbox: could not release a batch: {}", e.getClass().getSimpleName());
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
