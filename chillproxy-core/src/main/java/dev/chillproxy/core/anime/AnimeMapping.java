package dev.chillproxy.core.anime;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.core.stremio.StremioId;

/**
 * Which IMDb title, season and episode an anime catalog id stands for, so that {@code kitsu:ID:EP} and
 * {@code mal:ID:EP} can be searched like {@code tt…:S:E}. Immutable and thread-safe; build it with
 * {@link AnimeListReader}.
 */
public final class AnimeMapping {

    /** Maps nothing: every anime id keeps today's behaviour. */
    public static final AnimeMapping EMPTY = new AnimeMapping(Map.of());

    /**
     * One anime entry (a Kitsu/MAL entry is usually one season or one movie).
     *
     * @param imdbId        {@code tt…}
     * @param season        the season of the IMDb title the entry is, null when the list does not say
     * @param episodeOffset added to the anime's episode number (a second cour continuing a season); 0 when none
     * @param movie         the list calls the entry a movie
     */
    public record Entry(String imdbId, Integer season, int episodeOffset, boolean movie) {
        public Entry {
            Objects.requireNonNull(imdbId, "imdbId");
            if (season != null && season < 0 || episodeOffset < 0) {
                throw new IllegalArgumentException("negative season or offset");
            }
        }
    }

    /** Keyed by the base id: {@code kitsu:11469}, {@code mal:1234}. */
    private final Map<String, Entry> entries;

    AnimeMapping(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    /**
     * The IMDb id for an anime id, when the list knows it: an episode needs the entry's season (the episode gets
     * the entry's offset), a bare id maps only for a movie. Empty for IMDb ids and for what the list cannot place,
     * which then behave as before (an anime id searched as itself).
     */
    public Optional<StremioId> map(StremioId id) {
        if (id.source() == StremioId.IdSource.IMDB) {
            return Optional.empty();
        }
        Entry entry = entries.get(id.baseId());
        if (entry == null) {
            return Optional.empty();
        }
        if (id.episode() == null) {
            return entry.movie() ? Optional.of(id.mappedTo(entry.imdbId(), null, null)) : Optional.empty();
        }
        if (entry.season() == null || entry.season() > StremioId.MAX_SEASON) {
            return Optional.empty();
        }
        long episode = (long) id.episode() + entry.episodeOffset();
        if (episode > StremioId.MAX_EPISODE) {
            return Optional.empty();
        }
        return Optional.of(id.mappedTo(entry.imdbId(), entry.season(), (int) episode));
    }
}
