package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.chillproxy.core.config.IndexerConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.files.FileChoice;
import dev.chillproxy.core.files.FileRequest;
import dev.chillproxy.core.files.FileSelector;
import dev.chillproxy.core.files.MatchedBy;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.title.ParsedTitle;
import dev.chillproxy.core.torrent.TorrentFile;
import dev.chillproxy.core.torz.CandidateSource;
import dev.chillproxy.server.torz.index.IndexedTorrent;
import dev.chillproxy.server.torz.index.TorrentIndex;
import dev.chillproxy.store.torznab.IndexerEndpoint;
import dev.chillproxy.store.torznab.IndexerKind;
import dev.chillproxy.store.torznab.TorznabItem;
import dev.chillproxy.store.torznab.TorznabQuery;
import dev.chillproxy.store.torznab.TorznabSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Candidates from the local torrent index first, then from the operator's and the user's Torznab indexers under
 * the request's budget (slow indexers are dropped, the rest answered). Only the operator's results are remembered
 * in the shared local index, in the background a moment after the search ({@link BackgroundWrites}: by then the
 * list is answered, and a repeat of it is served by {@link RecentCandidates}): a user's own indexers could otherwise rename or hide torrents for
 * everyone, or show their private torrents to others. Their private torrents' links are kept in memory for that
 * user alone ({@link PrivateTorrentLinks}). A {@code p2p} config, which carries no credential, never gets the
 * operator's indexers searched. Where a torrent's files are known, the file that plays the requested id is chosen
 * up front, and a torrent whose known files lack the episode is left out. Thread-safe.
 */
public final class IndexerCandidateSource implements CandidateSource {

    private static final Logger LOG = LoggerFactory.getLogger(IndexerCandidateSource.class);
    private static final TorznabSearch.Result NOTHING = new TorznabSearch.Result(List.of(), List.of(), List.of(), List.of());
    private static final TorznabSearch.Result NOT_GRANTED = new TorznabSearch.Result(List.of(), List.of(),
            List.of("operator indexers (no store granted access in time)"), List.of());

    private final TorrentIndex index;
    private final TorznabSearch search;
    private final List<IndexerEndpoint> operatorIndexers;
    private final ParsedTitles titles;
    private final FileSelector selector;
    private final Executor background;
    private final Executor indexWrites;
    private final PrivateTorrentLinks privateLinks;

    public IndexerCandidateSource(TorrentIndex index, TorznabSearch search, List<IndexerEndpoint> operatorIndexers,
                                  ParsedTitles titles, Executor background, PrivateTorrentLinks privateLinks) {
        this(index, search, operatorIndexers, titles, background, BackgroundWrites.later(background), privateLinks);
    }

    /** @param indexWrites runs the writes to the shared index (tests run them when they choose) */
    IndexerCandidateSource(TorrentIndex index, TorznabSearch search, List<IndexerEndpoint> operatorIndexers,
                           ParsedTitles titles, Executor background, Executor indexWrites, PrivateTorrentLinks privateLinks) {
        this.privateLinks = privateLinks;
        this.index = index;
        this.search = search;
        this.operatorIndexers = List.copyOf(operatorIndexers);
        this.titles = titles;
        this.selector = new FileSelector(titles.parser());
        this.background = background;
        this.indexWrites = indexWrites;
    }

    @Override
    public Candidates find(StremioId id, TorzConfig config, Duration budget, CompletableFuture<Boolean> granted) {
        long started = System.nanoTime();
        List<StreamCandidate> candidates = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        try {
            index.find(id.baseId(), id.raw()).forEach(torrent -> candidate(torrent, id, torrent.taggedPath())
                    .ifPresent(candidates::add));
            if (id.origin() != null) { // what was filed under the anime id before it was mapped
                index.find(id.origin().baseId(), id.origin().raw()).forEach(torrent -> candidate(torrent, id, null)
                        .ifPresent(candidates::add));
            }
        } catch (RuntimeException e) {
            LOG.warn("local index unavailable: {}", e.getClass().getSimpleName());
            dropped.add("local index");
        }
        SearchScope scope = SearchScope.of(config);
        List<IndexerEndpoint> operator = scope.operator() ? operatorIndexers : List.of();
        List<IndexerEndpoint> own = ownIndexers(config);
        if ((operator.isEmpty() && own.isEmpty()) || id.source() != StremioId.IdSource.IMDB) {
            return new Candidates(candidates, dropped);
        }
        TorznabQuery query;
        try {
            query = id.isEpisode() && id.season() != null
                    ? TorznabQuery.episode(id.baseId(), id.season(), id.episode(), null)
                    : TorznabQuery.movie(id.baseId(), null);
        } catch (IllegalArgumentException e) {
            // an IMDb id no indexer knows (Torznab wants at least 5 digits): nothing to search for
            return new Candidates(candidates, dropped);
        }
        Duration left = budget.minusNanos(System.nanoTime() - started);
        Duration deadline = left.isNegative() ? Duration.ZERO : left;
        // searched apart, in parallel, so that only the operator's answers reach the shared index; the operator's
        // only once a store granted access, so a made-up user id cannot spend them
        long endsAt = System.nanoTime() + deadline.toNanos();
        CompletableFuture<TorznabSearch.Result> fromOperator = operator.isEmpty()
                ? CompletableFuture.completedFuture(NOTHING)
                : granted.copy().completeOnTimeout(false, deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .thenCompose(ok -> ok
                                ? searchAsync(operator, query, Duration.ofNanos(Math.max(0, endsAt - System.nanoTime())))
                                : CompletableFuture.completedFuture(NOT_GRANTED));
        TorznabSearch.Result fromUser = search(own, query, deadline);
        TorznabSearch.Result trusted = fromOperator.join();
        List<IndexedTorrent> learned = found(trusted, dropped);
        List<IndexedTorrent> users = found(fromUser, dropped);
        parseOnTwoThreads(learned, users);
        learned.forEach(torrent -> candidate(torrent, id, null).ifPresent(candidates::add));
        for (IndexedTorrent torrent : users) {
            if (torrent.isPrivate()) {
                privateLinks.remember(scope.finder(), torrent.hash(), torrent.torrentUrl());
            }
            candidate(torrent, id, null).ifPresent(candidates::add);
        }
        if (!learned.isEmpty()) {
            indexWrites.execute(() -> remember(id.baseId(), learned));
        }
        return new Candidates(candidates, dropped);
    }

    private static List<IndexedTorrent> found(TorznabSearch.Result result, List<String> dropped) {
        dropped.addAll(result.dropped());
        result.failures().forEach(failure -> dropped.add(failure.toString()));
        return result.items().stream().map(IndexerCandidateSource::indexed).toList();
    }

    private TorznabSearch.Result search(List<IndexerEndpoint> endpoints, TorznabQuery query, Duration deadline) {
        return endpoints.isEmpty() ? NOTHING : search.searchAll(endpoints, query, deadline);
    }

    private CompletableFuture<TorznabSearch.Result> searchAsync(List<IndexerEndpoint> endpoints, TorznabQuery query,
                                                                Duration deadline) {
        if (endpoints.isEmpty()) {
            return CompletableFuture.completedFuture(NOTHING);
        }
        try {
            return CompletableFuture.supplyAsync(() -> search(endpoints, query, deadline), background)
                    .exceptionally(e -> new TorznabSearch.Result(List.of(), List.of(), List.of("operator indexers"), List.of()));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(search(endpoints, query, deadline)); // a full pool: search here
        }
    }

    private void remember(String baseId, List<IndexedTorrent> learned) {
        try {
            index.remember(baseId, learned);
        } catch (RuntimeException e) {
            LOG.warn("could not remember {} indexer results: {}", learned.size(), e.getClass().getSimpleName());
        }
    }

    /**
     * Parses the new release names on this thread and a worker at once: on a cold list ~30 names the parser has
     * never seen sit between the search's answer and the cache check. Half the names go to a worker (or run here
     * when every worker is busy); the parsed titles land in {@link ParsedTitles}, where {@link #candidate} finds them.
     */
    private void parseOnTwoThreads(List<IndexedTorrent> learned, List<IndexedTorrent> users) {
        List<String> names = new ArrayList<>(learned.size() + users.size());
        learned.forEach(torrent -> names.add(torrent.name()));
        users.forEach(torrent -> names.add(torrent.name()));
        if (names.size() < 8) {
            return;
        }
        List<String> half = names.subList(0, names.size() / 2);
        CompletableFuture<Void> other;
        try {
            other = CompletableFuture.runAsync(() -> half.forEach(titles::of), background);
        } catch (RejectedExecutionException e) {
            other = CompletableFuture.completedFuture(null); // parsed below, by candidate(), as before
        }
        names.subList(names.size() / 2, names.size()).forEach(titles::of);
        other.exceptionally(e -> null).join(); // a name that failed there fails again in candidate(), as before
    }

    private Optional<StreamCandidate> candidate(IndexedTorrent torrent, StremioId id, String taggedPath) {
        TorrentFile file = null;
        // the release name describes quality and, for packs, which episodes it holds; file names often say less
        ParsedTitle parsed = titles.of(torrent.name());
        if (!torrent.files().isEmpty()) {
            FileRequest wanted = new FileRequest(id.season(), id.episode(), !id.isEpisode(), "", -1, false, taggedPath);
            FileChoice choice = selector.choose(wanted, torrent.files());
            if (choice instanceof FileChoice.Chosen chosen) {
                file = provesEpisode(id, chosen, parsed) ? chosen.file() : null;
                if (file != null && holdsEpisodeByItsFile(id, chosen, parsed)) {
                    parsed = titles.of(file.name()); // an oddly named pack: its file is what proves the episode
                }
            } else if (id.isEpisode()) {
                return Optional.empty();
            }
        }
        return Optional.of(new StreamCandidate(torrent.hash(), torrent.name(), parsed, torrent.size(),
                torrent.seeders(), torrent.indexer(), torrent.isPrivate(), torrent.torrentUrl(), file));
    }

    /**
     * Whether the chosen file is the requested episode's for sure. Of a pack only some files may be known (the ones
     * played so far), so "the only video" or "the largest" of those is another episode's: show no file rather than
     * the wrong one (its name, size and index would mislead the player and subtitle addons).
     */
    private static boolean provesEpisode(StremioId id, FileChoice.Chosen chosen, ParsedTitle fromName) {
        return !id.isEpisode() || chosen.by() == MatchedBy.EPISODE || chosen.by() == MatchedBy.KNOWN
                || !fromName.isPack();
    }

    private static boolean holdsEpisodeByItsFile(StremioId id, FileChoice.Chosen chosen, ParsedTitle fromName) {
        return id.season() != null && id.episode() != null
                && (chosen.by() == MatchedBy.EPISODE || chosen.by() == MatchedBy.KNOWN)
                && !fromName.coversEpisode(id.season(), id.episode());
    }

    private static IndexedTorrent indexed(TorznabItem item) {
        return new IndexedTorrent(item.infoHash(), item.title(), Math.max(0, item.size()), item.seeders(), item.indexer(),
                item.privateTracker(), item.torrentUrl(), item.files(), null);
    }

    private static List<IndexerEndpoint> ownIndexers(TorzConfig config) {
        List<IndexerEndpoint> endpoints = new ArrayList<>();
        for (IndexerConfig indexer : config.indexers()) {
            ApiKey key = indexer.apiKey().isEmpty() ? null : ApiKey.of(indexer.apiKey());
            endpoints.add(new IndexerEndpoint(IndexerKind.fromConfig(indexer.name()), indexer.url(), key));
        }
        return endpoints;
    }
}
