package dev.chillproxy.chillstreams.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.chillproxy.chillstreams.pool.UsageEvent;

/**
 * Writes usage events in groups (leader and followers, no thread of its own): a caller that finds no commit running
 * becomes the leader and stores every event queued so far in one transaction on its own thread; callers arriving
 * meanwhile queue and sleep until a leader committed their event or they are woken to lead the next group. So a
 * hundred concurrent requests cost a few commits, not a hundred, without a hand-off to another thread and without
 * lingering: an event that finds no commit running is written at once.
 *
 * <p>{@link #submit} returns once the transaction holding the event committed, so an answer sent after it survives a
 * {@code kill -9}. The wait is about one commit (under a millisecond on SQLite, a few on PostgreSQL) and is capped at
 * {@code maxWait}: a stalled database cannot hold answers; such an event is still written by a later leader or by
 * {@link #flush}, only after the answer. While the last commit failed, callers neither lead nor wait: their events
 * queue, and the outbox's round ({@link #flush}, every second) retries. A group that did not commit goes to
 * {@code failed} (the outbox keeps it in memory and retries it): nothing is dropped silently. Thread-safe.
 */
final class GroupCommit {

    static final int MAX_GROUP = 500;
    /** Events waiting for a leader; beyond that a caller's event goes straight to {@code failed}'s retry queue. */
    static final int MAX_QUEUED = 10_000;
    private static final int PENDING = 0;
    private static final int COMMITTED = 1;
    private static final int NOT_COMMITTED = 2;

    private final Consumer<List<UsageEvent>> store;
    private final BiConsumer<List<UsageEvent>, RuntimeException> failed;
    private final Duration maxWait;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean committing = new AtomicBoolean();
    private volatile boolean lastFailed;

    /**
     * @param store  stores a group in one transaction, throwing when it did not commit
     * @param failed takes a group that did not commit, with the reason
     */
    GroupCommit(Consumer<List<UsageEvent>> store, BiConsumer<List<UsageEvent>, RuntimeException> failed, Duration maxWait) {
        this.store = Objects.requireNonNull(store, "store");
        this.failed = Objects.requireNonNull(failed, "failed");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    }

    /** Stores the event with others and waits (at most {@code maxWait}) for its commit; true when it committed. Never throws. */
    boolean submit(UsageEvent event) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            failed.accept(List.of(event), new IllegalStateException("usage writer overloaded"));
            return false;
        }
        Pending mine = new Pending(event, Thread.currentThread());
        queue.add(mine);
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            while (true) {
                if (!lastFailed && committing.compareAndSet(false, true)) {
                    lead(false);
                }
                if (mine.state != PENDING) {
                    return mine.state == COMMITTED;
                }
                long left = deadline - System.nanoTime();
                if (lastFailed || left <= 0) {
                    return false; // stays queued: a later leader or the outbox's round writes it
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        } finally {
            mine.waiting = false;
        }
    }

    /** Writes everything queued now (the outbox's round, shutdown); waits for a running commit first. */
    void flush() {
        while (!committing.compareAndSet(false, true)) {
            LockSupport.parkNanos(this, 100_000);
        }
        lead(true);
    }

    /** Another path (the outbox's retry of events kept in memory) stored events: callers lead and wait again. */
    void storedElsewhere() {
        lastFailed = false;
    }

    /** Events queued and not yet written. */
    int queued() {
        return queued.get();
    }

    /**
     * Holding {@link #committing}: commits what is queued as one group (or, {@code untilEmpty}, group after group),
     * then lets go and wakes a waiting caller to lead the next. A request's thread leads one group only: under steady
     * load the queue is never empty, and a leader that went on would hold its own answer for commit after commit.
     */
    private void lead(boolean untilEmpty) {
        try {
            List<Pending> group = new ArrayList<>(MAX_GROUP);
            Pending next;
            do {
                while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
                    group.add(next);
                }
                queued.addAndGet(-group.size());
                if (!group.isEmpty()) {
                    write(group);
                }
                group.clear();
            } while (untilEmpty && !lastFailed && !queue.isEmpty());
        } finally {
            committing.set(false);
        }
        for (Pending waiting : queue) {
            if (waiting.waiting) {
                LockSupport.unpark(waiting.thread);
                return;
            }
        }
    }

    private void write(List<Pending> group) {
        List<UsageEvent> events = group.stream().map(Pending::event).toList();
        boolean committed = false;
        try {
            store.accept(events);
            committed = true;
        } catch (RuntimeException e) {
            failed.accept(events, e);
        } catch (Error e) {
            // a caller's thread must not die of an OutOfMemoryError here: the group is retried, the next may commit
            failed.accept(events, new IllegalStateException(e.getClass().getSimpleName()));
        } finally {
            lastFailed = !committed;
            for (Pending pending : group) {
                pending.state = committed ? COMMITTED : NOT_COMMITTED;
                LockSupport.unpark(pending.thread);
            }
        }
    }

    private static final class Pending {
        final UsageEvent event;
        final Thread thread;
        volatile int state = PENDING;
        volatile boolean waiting = true;

        Pending(UsageEvent event, Thread thread) {
            this.event = event;
            this.thread = thread;
        }

        UsageEvent event() {
            return event;
        }
    }
}
