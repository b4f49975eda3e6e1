package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.core.store.StoreName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.chillproxy.core.config.IndexerConfig;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.torz.CandidateSource;
import org.junit.jupiter.api.Test;

class RecentCandidatesTest {

    private final TestClock clock = new TestClock();
    private final List<String> asked = new ArrayList<>();
    private List<String> dropped = List.of();
    private static final CompletableFuture<Boolean> GRANTED = CompletableFuture.completedFuture(true);
    private final CandidateSource source = (id, config, budget, granted) -> {
        asked.add(id.raw());
        return new CandidateSource.Candidates(List.of(), dropped);
    };
    private final RecentCandidates recent = new RecentCandidates(source, clock::nanos);

    private static TorzConfig config(IndexerConfig... indexers) {
        return new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, "7f1b1c1e-6b1a-4f43-9a53-0f3e5c2b9a11")), List.of(indexers),
                false, false, "", "");
    }

    @Test
    void aRefusedCallersListIsNotKeptForTheNextCaller() throws Exception {
        StremioId movie = StremioId.parse("movie", "tt0133093");
        recent.find(movie, config(), Duration.ofSeconds(5), CompletableFuture.completedFuture(false));
        recent.find(movie, config(), Duration.ofSeconds(5), GRANTED);
        assertEquals(2, asked.size(), "the refused caller's list lacked the operator's results");
    }

    @Test
    void aCompleteAnswerIsReusedForTenMinutes() throws Exception {
        StremioId movie = StremioId.parse("movie", "tt0133093");
        recent.find(movie, config(), Duration.ofSeconds(5), GRANTED);
        clock.advance(Duration.ofMinutes(9));
        recent.find(movie, config(), Duration.ofSeconds(5), GRANTED);
        assertEquals(1, asked.size(), "the second list needs no search");

        clock.advance(Duration.ofMinutes(2));
        recent.find(movie, config(), Duration.ofSeconds(5), GRANTED);
        assertEquals(2, asked.size(), "stale after ten minutes");
    }

    @Test
    void anAnswerThatMissedASourceIsReusedOnlyBriefly() throws Exception {
        dropped = List.of("slow-indexer");
        StremioId movie = StremioId.parse("movie", "tt0133093");
        recent.find(movie, config(), Duration.ofSeconds(5), GRANTED);
        clock.advance(Duration.ofSeconds(30));
        recent.find(movie, config(), Duration.ofSeconds(5), GRANTED);
        assertEquals(1, asked.size());

        clock.advance(Duration.ofSeconds(31));
        recent.find(movie, config(), Duration.ofSeconds(5), GRANTED);
        assertEquals(2, asked.size(), "the dropped source gets another chance after a minute");
    }

    @Test
    void otherIdsAndOtherIndexersAreSearchedApart() throws Exception {
        recent.find(StremioId.parse("series", "tt0903747:1:1"), config(), Duration.ofSeconds(5), GRANTED);
        recent.find(StremioId.parse("series", "tt0903747:1:2"), config(), Duration.ofSeconds(5), GRANTED);
        recent.find(StremioId.parse("series", "tt0903747:1:2"),
                config(new IndexerConfig("jackett", "https://jackett.example/api", "key")), Duration.ofSeconds(5), GRANTED);
        assertEquals(3, asked.size());
    }

    @Test
    void indexerUrlsThatDifferOnlyInTheirQueryAreCachedApart() throws Exception {
        StremioId movie = StremioId.parse("movie", "tt0133093");
        recent.find(movie, config(new IndexerConfig("generic", "https://idx.example/api?cat=2000", "")), Duration.ofSeconds(5), GRANTED);
        recent.find(movie, config(new IndexerConfig("generic", "https://idx.example/api?cat=5000", "")), Duration.ofSeconds(5), GRANTED);
        recent.find(movie, config(new IndexerConfig("generic", "https://idx.example/api?apikey=a", "")), Duration.ofSeconds(5), GRANTED);
        recent.find(movie, config(new IndexerConfig("generic", "https://idx.example/api?apikey=b", "")), Duration.ofSeconds(5), GRANTED);
        assertEquals(4, asked.size(), "each URL is its own indexer");
        recent.find(movie, config(new IndexerConfig("generic", "https://idx.example/api?cat=2000", "")), Duration.ofSeconds(5), GRANTED);
        assertEquals(4, asked.size(), "the same URL is still served from the cache");
    }

    @Test
    void keysAreHashesThatHoldNoApiKey() throws Exception {
        String key = RecentCandidates.key(StremioId.parse("movie", "tt0133093"),
                config(new IndexerConfig("jackett", "https://jackett.example/api?apikey=secret-in-url", "secret-api-key")));
        assertTrue(key.matches("[0-9a-f]{64}"), key);
        assertFalse(key.contains("secret"));
        assertFalse(RecentCandidates.key(StremioId.parse("movie", "tt0133093"),
                config(new IndexerConfig("jackett", "https://jackett.example/api", "key-a"))).equals(
                RecentCandidates.key(StremioId.parse("movie", "tt0133093"),
                        config(new IndexerConfig("jackett", "https://jackett.example/api", "key-b")))));
    }

    @Test
    void theCacheIsBoundedByTheCandidatesItHoldsNotByTheNumberOfLists() throws Exception {
        List<StreamCandidate> big = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            big.add(new StreamCandidate("%040x".formatted(i), "Movie.2020.1080p.Part" + i, null, 1, 1, "idx", false, "", null));
        }
        CandidateSource bigLists = (id, config, budget, granted) -> new CandidateSource.Candidates(big, List.of());
        long oneList = RecentCandidates.estimatedBytes(new CandidateSource.Candidates(big, List.of()));
        RecentCandidates bounded = new RecentCandidates(bigLists, clock::nanos, 5 * oneList);
        for (int i = 0; i < 50; i++) {
            bounded.find(StremioId.parse("movie", "tt%07d".formatted(1_000_000 + i)), config(), Duration.ofSeconds(5), GRANTED);
        }
        var cache = bounded.statistics();
        cache.cleanUp();
        long held = cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
        assertTrue(held <= 5 * oneList, "held " + held + " bytes for a cap of " + 5 * oneList);
        assertTrue(cache.estimatedSize() <= 5, "lists held: " + cache.estimatedSize());
        assertTrue(oneList > 600_000, "a 1,000-candidate list weighs its candidates: " + oneList);
    }
}
