package dev.chillproxy.store.torznab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Searches several indexers in parallel under one deadline: what arrived in time is returned, the rest is
 * named as dropped. A failing indexer never fails the search.
 *
 * <p>Thread-safe. The executor must have room for the indexers of concurrent searches (an unbounded or
 * generously sized pool); a search waits at most its deadline either way.
 */
public final class TorznabSearch {

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

    public TorznabSearch(TorznabClient client, Executor executor) {
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public Result searchAll(List<IndexerEndpoint> endpoints, TorznabQuery query, Duration deadline) {
        List<CompletableFuture<IndexerOutcome>> futures = new ArrayList<>();
        for (IndexerEndpoint endpoint : endpoints) {
            futures.add(CompletableFuture.supplyAsync(() -> client.search(endpoint, query), executor));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // collected below: whatever finished counts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<TorznabItem> items = new ArrayList<>();
        List<IndexerOutcome.Failed> failures = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            CompletableFuture<IndexerOutcome> future = futures.get(i);
            if (!future.isDone() || future.isCompletedExceptionally()) {
                future.cancel(true);
                dropped.add(endpoints.get(i).label());
                continue;
            }
            IndexerOutcome outcome = future.join();
            if (outcome instanceof IndexerOutcome.Found found) {
                items.addAll(found.items());
                if (!found.note().isEmpty()) {
                    notes.add(found.indexer() + ": " + found.note());
                }
            } else {
                failures.add((IndexerOutcome.Failed) outcome);
            }
        }
        return new Result(items, failures, dropped, notes);
    }
}
