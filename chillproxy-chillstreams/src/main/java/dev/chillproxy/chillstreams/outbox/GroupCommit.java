package dev.chillproxy.chillstreams.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.chillproxy.chillstreams.pool.UsageEvent;

/**
 * Writes usage events in groups: one thread takes every event handed over since its last commit and stores them in
 * one transaction, so a hundred concurrent requests cost one commit, not a hundred. There is no lingering: an event
 * that finds the thread idle is written at once, and one that arrives during a commit goes into the next one.
 *
 * <p>{@link #submit} waits until the transaction holding the event committed, so an answer sent after it returns
 * survives a {@code kill -9}. The wait is one commit (about a millisecond on SQLite, a few on PostgreSQL) and is capped
 * at {@code maxWait}: a stalled database cannot hold answers; such an event is still written, only after the answer.
 * While the last commit failed, callers do not wait at all. A failed group goes to {@code failed} (the outbox keeps
 * it in memory and retries every second): nothing is dropped silently. Thread-safe.
 */
final class GroupCommit {

    static final int MAX_GROUP = 500;
    /** Events waiting for the thread; beyond that a caller's event goes straight to {@code failed}'s retry queue. */
    static final int MAX_QUEUED = 10_000;

    private final Consumer<List<UsageEvent>> store;
    private final BiConsumer<List<UsageEvent>, RuntimeException> failed;
    private final Duration maxWait;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private volatile Thread thread;
    private volatile boolean stopping;
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

    /** Hands the event over and waits (at most {@code maxWait}) for its commit; true when it committed. Never throws. */
    boolean submit(UsageEvent event) {
        Pending pending = new Pending(event, new CompletableFuture<>());
        if (!started()) {
            write(List.of(pending)); // shutting down: the caller stores its own event
            return pending.committed().join();
        }
        if (!queue.offer(pending)) {
            failed.accept(List.of(event), new IllegalStateException("usage writer overloaded"));
            return false;
        }
        if (stopping && queue.remove(pending)) {
            write(List.of(pending)); // raced with stop(): not taken by the thread nor by stop's final sweep
            return pending.committed().join();
        }
        if (lastFailed) {
            return false; // the database refuses: answer now, the event is retried from memory
        }
        try {
            return pending.committed().get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Another path (the outbox's retry round) stored events: callers wait for their commits again. */
    void storedElsewhere() {
        lastFailed = false;
    }

    /** Events handed over and not yet written. */
    int queued() {
        return queue.size();
    }

    /** Starts the thread on first use; false once stopping. */
    private boolean started() {
        if (thread != null) {
            return !stopping;
        }
        synchronized (this) {
            if (stopping) {
                return false;
            }
            if (thread == null) {
                Thread created = new Thread(this::run, "usage-group-commit");
                created.setDaemon(true);
                created.start();
                thread = created;
            }
            return true;
        }
    }

    /** Writes what was handed over, then stops the thread; later events are stored by their callers. */
    void stop(Duration within) {
        Thread running;
        synchronized (this) {
            stopping = true;
            running = thread;
        }
        if (running == null) {
            return;
        }
        try {
            running.join(Math.max(1, within.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left); // the thread did not finish in time: hand them to the retry queue, not lose them
        if (!left.isEmpty()) {
            failed.accept(left.stream().map(Pending::event).toList(), new IllegalStateException("shutting down"));
            left.forEach(p -> p.committed().complete(false));
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                return;
            } finally {
                group.clear();
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
            // the thread must outlive an OutOfMemoryError: the group is retried, the next one may well commit
            failed.accept(events, new IllegalStateException(e.getClass().getSimpleName()));
        } finally {
            lastFailed = !committed;
            for (Pending pending : group) {
                pending.committed().complete(committed);
            }
        }
    }

    private record Pending(UsageEvent event, CompletableFuture<Boolean> committed) {
    }
}
