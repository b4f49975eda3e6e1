package dev.chillproxy.server.torz;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.torz.CandidateSource;

/**
 * The candidates found lately for the same id and indexers, so a warm stream list needs neither the local index
 * nor an indexer: a complete answer is reused for {@link #COMPLETE_FOR}, one that missed a slow or failing source
 * only for {@link #PARTIAL_FOR}, so the missing source gets another chance soon. Thread-safe.
 */
public final class RecentCandidates implements CandidateSource {

    static final Duration COMPLETE_FOR = Duration.ofMinutes(10);
    static final Duration PARTIAL_FOR = Duration.ofMinutes(1);

    private record Entry(Candidates candidates, long foundAtNanos) {
    }

    private final CandidateSource source;
    private final Ticker ticker;
    private final Cache<String, Entry> recent;

    public RecentCandidates(CandidateSource source, Ticker ticker) {
        this.source = source;
        this.ticker = ticker;
        this.recent = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(COMPLETE_FOR).maximumSize(20_000)
                .recordStats().build();
    }

    @Override
    public Candidates find(StremioId id, TorzConfig config, Duration budget) {
        // per indexers and their keys (a user's own results, private ones included, stay with that user's config)
        String key = id.raw() + "|" + SearchScope.of(config).cacheKey();
        Entry entry = recent.getIfPresent(key);
        if (entry != null && (entry.candidates().dropped().isEmpty()
                || ticker.read() - entry.foundAtNanos() < PARTIAL_FOR.toNanos())) {
            return entry.candidates();
        }
        Candidates found = source.find(id, config, budget);
        recent.put(key, new Entry(found, ticker.read()));
        return found;
    }

    /** For the cache hit-ratio metric. */
    public Cache<?, ?> statistics() {
        return recent;
    }
}
