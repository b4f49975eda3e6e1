package dev.chillproxy.core.torz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import java.util.Locale;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.rank.FilterException;
import dev.chillproxy.core.rank.FilterTooExpensiveException;
import dev.chillproxy.core.rank.StreamFilter;
import dev.chillproxy.core.rank.StreamSorter;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.torz.CacheChecker.CacheStatus;

/**
 * The stream-list pipeline: asks for store access and searches for candidates in parallel, keeps the torrents
 * that hold the requested episode, checks every hash with each granted store in one batch, then filters,
 * sorts and formats. Thread-safe; the executor runs the parallel steps.
 */
public final class StreamLister {

    public static final String ACTION = "stream-list";

    private final CandidateSource source;
    private final StoreAccess access;
    private final CacheChecker checker;
    private final Executor executor;
    private final Duration deadline;
    private final StreamAssembler assembler;

    public StreamLister(CandidateSource source, StoreAccess access, CacheChecker checker, Executor executor,
                        Duration deadline, StreamLinks links) {
        this.source = source;
        this.access = access;
        this.checker = checker;
        this.executor = executor;
        this.deadline = deadline;
        this.assembler = new StreamAssembler(links);
    }

    /** @param cfg the config as it appears in our URLs (canonical encoding), reused in playback links */
    public Listing list(TorzConfig config, String cfg, StremioId id, RequestContext context) {
        StreamFilter filter;
        StreamSorter sorter;
        try {
            filter = StreamFilter.compile(config.filter());
            sorter = StreamSorter.parse(config.sort());
        } catch (FilterException | IllegalArgumentException e) {
            return new Listing.Invalid(e.getMessage());
        }
        long started = System.nanoTime();
        // two thirds of the deadline for the search, the rest (at least) for the cache checks that follow it
        Duration searchBudget = deadline.multipliedBy(2).dividedBy(3);
        CompletableFuture<Boolean> anyGranted = new CompletableFuture<>();
        CompletableFuture<CandidateSource.Candidates> found =
                CompletableFuture.supplyAsync(() -> source.find(id, config, searchBudget, anyGranted), executor);
        if (config.p2p()) {
            CandidateSource.Candidates candidates = found.join();
            try {
                return new Listing.Served(assembler.assembleP2p(holdingEpisode(unique(candidates.items()), id), filter, sorter),
                        List.of(), Set.of(), candidates.dropped());
            } catch (FilterTooExpensiveException e) {
                return new Listing.Invalid(e.getMessage());
            }
        }
        Map<StoreName, CompletableFuture<Access>> opened = new LinkedHashMap<>();
        for (StoreConfig store : config.stores()) {
            opened.put(store.store(), CompletableFuture.supplyAsync(() -> access.open(store, context, ACTION, ""), executor));
        }
        Map<StoreName, Access.Granted> granted = new LinkedHashMap<>();
        Access.Refused firstRefusal = null;
        try {
            for (Map.Entry<StoreName, CompletableFuture<Access>> entry : opened.entrySet()) {
                Access result = entry.getValue().join();
                if (result instanceof Access.Granted grant) {
                    granted.put(entry.getKey(), grant);
                } else if (firstRefusal == null) {
                    firstRefusal = (Access.Refused) result;
                }
            }
        } finally {
            anyGranted.complete(!granted.isEmpty());
        }
        if (granted.isEmpty()) {
            found.cancel(false);
            return new Listing.Refused(firstRefusal);
        }
        CandidateSource.Candidates candidates = found.join();
        List<StreamCandidate> items = holdingEpisode(unique(candidates.items()), id);
        Duration left = deadline.minusNanos(System.nanoTime() - started);
        Duration checkBudget = left.compareTo(deadline.dividedBy(3)) < 0 ? deadline.dividedBy(3) : left;
        Map<StoreName, CacheStatus> statuses = checkAll(granted, items, context.clientIp(), checkBudget);
        if (statuses.values().stream().allMatch(CacheStatus.Failed.class::isInstance) && !items.isEmpty()) {
            return new Listing.StoresFailed(((CacheStatus.Failed) statuses.values().iterator().next()).message());
        }
        Set<String> cached = new HashSet<>();
        statuses.values().forEach(status -> {
            if (status instanceof CacheStatus.Known known) {
                cached.addAll(known.cached());
            }
        });
        try {
            return new Listing.Served(assembler.assemble(config, cfg, id.raw(), items, statuses, filter, sorter),
                    List.copyOf(granted.values()), cached, candidates.dropped());
        } catch (FilterTooExpensiveException e) {
            // an info stream rather than the list unfiltered: the user asked not to see some streams
            return new Listing.Invalid(e.getMessage());
        }
    }

    /** A store that has not answered within {@code budget} counts as failed, so a slow store cannot hold the list. */
    private Map<StoreName, CacheStatus> checkAll(Map<StoreName, Access.Granted> granted, List<StreamCandidate> items, String clientIp,
                                              Duration budget) {
        List<String> hashes = items.stream().map(StreamCandidate::hash).toList();
        Map<StoreName, CompletableFuture<CacheStatus>> checks = new LinkedHashMap<>();
        granted.forEach((store, grant) -> checks.put(store, hashes.isEmpty()
                ? CompletableFuture.completedFuture(new CacheStatus.Known(Set.of()))
                : CompletableFuture.supplyAsync(() -> checker.check(store, grant, hashes, clientIp), executor)
                        .completeOnTimeout(new CacheStatus.Failed(store.code().toUpperCase(Locale.ROOT)
                                + " did not say in time which streams are cached. Try again in a minute."),
                                budget.toMillis(), TimeUnit.MILLISECONDS)));
        Map<StoreName, CacheStatus> statuses = new LinkedHashMap<>();
        checks.forEach((store, check) -> statuses.put(store, check.join()));
        return statuses;
    }

    /** One entry per torrent: the first source wins (the local index comes first and knows files). */
    private static List<StreamCandidate> unique(List<StreamCandidate> items) {
        Set<String> seen = new LinkedHashSet<>();
        List<StreamCandidate> unique = new ArrayList<>();
        for (StreamCandidate item : items) {
            if (seen.add(item.hash())) {
                unique.add(item);
            }
        }
        return unique;
    }

    /**
     * For an episode, keep torrents whose file or name covers it: the episode itself, a range, or a season pack.
     * For an id mapped from an anime id, a name without a season that numbers the anime's own episode counts too
     * (a second cour released as "Show Part 2 - 01" while the IMDb season goes on from episode 14).
     */
    static List<StreamCandidate> holdingEpisode(List<StreamCandidate> items, StremioId id) {
        if (id.season() == null || id.episode() == null) {
            return items;
        }
        Integer animeEpisode = id.origin() == null ? null : id.origin().episode();
        return items.stream().filter(item -> item.parsed().coversEpisode(id.season(), id.episode())
                || animeEpisode != null && item.parsed().seasons().isEmpty() && item.parsed().episodes().contains(animeEpisode))
                .toList();
    }
}
