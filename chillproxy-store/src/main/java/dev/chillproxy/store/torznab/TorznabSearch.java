package dev.chillproxy.store.torznab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Searches several indexers under one deadline: what arrived in time is returned, the rest is named as dropped.
 * A failing indexer never fails the search.
 *
 * <p>A search runs on at most {@code lanes} threads of the shared executor (its indexers queue behind each
 * other), so one user's many slow indexers cannot take every worker. At the deadline every call still running is
 * cancelled; the threads are free again within moments. When the executor refuses work (its queue is full),
 * the indexers are skipped and named so, never run on new threads. Thread-safe.
 */
public final class TorznabSearch {

    /** Threads one search may use at once. */
    public static final int DEFAULT_LANES = 4;
    /** {@code .torrent} downloads one search may make (items whose feed gives no hash); they are cached 6 h. */
    public static final int MAX_TORRENT_FETCHES = 10;
    /** After cancelling at the deadline, how long to wait for the items an indexer resolved so far. */
    private static final long GRACE_MILLIS = 100;

    /** The merged answer. */
    public record Result(List<TorznabItem> items, List<IndexerOutcome.Failed> failures, List<String> dropped,
                         List<String> notes) {
        public Result {
            items = List.copyOf(items);
            failures = List.copyOf(failures);
            dropped = List.copyOf(dropped);
            notes = List.copyOf(notes);
        }
    }

    private final TorznabClient client;
    private final Executor executor;
    private final int lanes;

    public TorznabSearch(TorznabClient client, Executor executor) {
        this(client, executor, DEFAULT_LANES);
    }

    /** @param executor bounded; a refused task makes its indexers "skipped" */
    public TorznabSearch(TorznabClient client, Executor executor, int lanes) {
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes: at least 1");
        }
        this.lanes = lanes;
    }

    public Result searchAll(List<IndexerEndpoint> endpoints, TorznabQuery query, Duration deadline) {
        AtomicReferenceArray<IndexerOutcome> outcomes = new AtomicReferenceArray<>(endpoints.size());
        boolean busy = false;
        try (CallScope scope = new CallScope(deadline, MAX_TORRENT_FETCHES)) {
            Queue<Integer> pending = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < endpoints.size(); i++) {
                pending.add(i);
            }
            CountDownLatch done = new CountDownLatch(endpoints.size());
            int started = 0;
            for (int lane = 0; lane < Math.min(lanes, endpoints.size()); lane++) {
                try {
                    executor.execute(() -> runLane(endpoints, query, scope, pending, outcomes, done));
                    started++;
                } catch (RejectedExecutionException e) {
                    break; // the started lanes take the whole queue
                }
            }
            busy = started == 0;
            if (started > 0) {
                await(done, deadline.toNanos());
                scope.close(); // cancels what still runs; an indexer busy with .torrents returns what it has
                await(done, TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS));
            }
        }
        return collect(endpoints, outcomes, busy);
    }

    private void runLane(List<IndexerEndpoint> endpoints, TorznabQuery query, CallScope scope, Queue<Integer> pending,
                         AtomicReferenceArray<IndexerOutcome> outcomes, CountDownLatch done) {
        Integer next;
        while ((next = pending.poll()) != null) {
            try {
                if (!scope.stopped()) {
                    IndexerOutcome outcome = client.search(endpoints.get(next), query, scope);
                    // a failure caused by the deadline is a slow indexer, reported as dropped
                    if (!(outcome instanceof IndexerOutcome.Failed && scope.stopped())) {
                        outcomes.set(next, outcome);
                    }
                }
            } finally {
                done.countDown();
            }
        }
    }

    private static Result collect(List<IndexerEndpoint> endpoints, AtomicReferenceArray<IndexerOutcome> outcomes,
                                  boolean busy) {
        List<TorznabItem> items = new ArrayList<>();
        List<IndexerOutcome.Failed> failures = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            IndexerOutcome outcome = outcomes.get(i);
            if (outcome instanceof IndexerOutcome.Found found) {
                items.addAll(found.items());
                if (!found.note().isEmpty()) {
                    notes.add(found.indexer() + ": " + found.note());
                }
            } else if (outcome instanceof IndexerOutcome.Failed failed) {
                failures.add(failed);
            } else {
                dropped.add(endpoints.get(i).label() + (busy ? " (skipped: server busy)" : ""));
            }
        }
        return new Result(items, failures, dropped, notes);
    }

    private static void await(CountDownLatch latch, long nanos) {
        try {
            latch.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
