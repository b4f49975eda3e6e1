package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.chillproxy.core.config.IndexerConfig;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.torz.CandidateSource;
import org.junit.jupiter.api.Test;

class RecentCandidatesTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> asked = new ArrayList<>();
    private List<String> dropped = List.of();
    private final CandidateSource source = (id, config, budget) -> {
        asked.add(id.raw());
        return new CandidateSource.Candidates(List.of(), dropped);
    };
    private final RecentCandidates recent = new RecentCandidates(source, nanos::get);

    private static TorzConfig config(IndexerConfig... indexers) {
        return new TorzConfig(List.of(new StoreConfig("tb", "", "7f1b1c1e-6b1a-4f43-9a53-0f3e5c2b9a11")), List.of(indexers),
                false, false, "", "");
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aCompleteAnswerIsReusedForTenMinutes() throws Exception {
        StremioId movie = StremioId.parse("movie", "tt0133093");
        recent.find(movie, config(), Duration.ofSeconds(5));
        advance(Duration.ofMinutes(9));
        recent.find(movie, config(), Duration.ofSeconds(5));
        assertEquals(1, asked.size(), "the second list needs no search");

        advance(Duration.ofMinutes(2));
        recent.find(movie, config(), Duration.ofSeconds(5));
        assertEquals(2, asked.size(), "stale after ten minutes");
    }

    @Test
    void anAnswerThatMissedASourceIsReusedOnlyBriefly() throws Exception {
        dropped = List.of("slow-indexer");
        StremioId movie = StremioId.parse("movie", "tt0133093");
        recent.find(movie, config(), Duration.ofSeconds(5));
        advance(Duration.ofSeconds(30));
        recent.find(movie, config(), Duration.ofSeconds(5));
        assertEquals(1, asked.size());

        advance(Duration.ofSeconds(31));
        recent.find(movie, config(), Duration.ofSeconds(5));
        assertEquals(2, asked.size(), "the dropped source gets another chance after a minute");
    }

    @Test
    void otherIdsAndOtherIndexersAreSearchedApart() throws Exception {
        recent.find(StremioId.parse("series", "tt0903747:1:1"), config(), Duration.ofSeconds(5));
        recent.find(StremioId.parse("series", "tt0903747:1:2"), config(), Duration.ofSeconds(5));
        recent.find(StremioId.parse("series", "tt0903747:1:2"),
                config(new IndexerConfig("jackett", "https://jackett.example/api", "key")), Duration.ofSeconds(5));
        assertEquals(3, asked.size());
    }
}
