package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.secret.Fingerprint;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.torz.CandidateSource;

/**
 * The candidates found lately for the same id and indexers, so a warm stream list needs neither the local index
 * nor an indexer: a complete answer is reused for {@link #COMPLETE_FOR}, one that missed a slow or failing source
 * only for {@link #PARTIAL_FOR}, so the missing source gets another chance soon. Thread-safe.
 *
 * <p>Bounded by the estimated bytes of the lists it holds ({@link #MAX_BYTES}), not by their number: anyone can
 * make lists of hundreds of candidates. Keyed by a SHA-256 of the id and each indexer's full URL and API key:
 * two URLs that differ only in their query are different indexers, and no key sits in clear in the map.
 */
public final class RecentCandidates implements CandidateSource {

    static final Duration COMPLETE_FOR = Duration.ofMinutes(10);
    static final Duration PARTIAL_FOR = Duration.ofMinutes(1);
    /** Estimated bytes of all lists held (roughly 25,000 candidates). */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private record Entry(Candidates candidates, long foundAtNanos) {
    }

    private final CandidateSource source;
    private final Ticker ticker;
    private final Cache<String, Entry> recent;

    public RecentCandidates(CandidateSource source, Ticker ticker) {
        this(source, ticker, MAX_BYTES);
    }

    RecentCandidates(CandidateSource source, Ticker ticker, long maxBytes) {
        this.source = source;
        this.ticker = ticker;
        this.recent = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(COMPLETE_FOR)
                .maximumWeight(maxBytes).weigher((String key, Entry entry) -> estimatedBytes(entry.candidates()))
                .recordStats().build();
    }

    @Override
    public Candidates find(StremioId id, TorzConfig config, Duration budget, CompletableFuture<Boolean> granted) {
        // per indexers and their keys (a user's own results, private ones included, stay with that user's config)
        String key = key(id, config);
        Entry entry = recent.getIfPresent(key);
        if (entry != null && (entry.candidates().dropped().isEmpty()
                || ticker.read() - entry.foundAtNanos() < PARTIAL_FOR.toNanos())) {
            return entry.candidates();
        }
        Candidates found = source.find(id, config, budget, granted);
        if (!granted.isDone() || granted.join()) { // a refused caller's list lacks the operator's results
            recent.put(key, new Entry(found, ticker.read()));
        }
        return found;
    }

    /** For the cache hit-ratio metric. */
    public Cache<?, ?> statistics() {
        return recent;
    }

    /** The id (and the anime id it was mapped from) with whose indexers and keys it was searched. */
    static String key(StremioId id, TorzConfig config) {
        return Fingerprint.of(id.raw(), id.origin() == null ? "" : id.origin().raw(), SearchScope.of(config).cacheKey());
    }

    /** A rough estimate: object overhead per candidate plus its strings (two bytes a char). */
    static int estimatedBytes(Candidates candidates) {
        long bytes = 256;
        for (StreamCandidate candidate : candidates.items()) {
            bytes += 600 + 2L * (candidate.torrentName().length() + candidate.indexer().length()
                    + candidate.torrentUrl().length() + (candidate.file() == null ? 0 : candidate.file().path().length()));
        }
        for (String dropped : candidates.dropped()) {
            bytes += 64 + 2L * dropped.length();
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
