package dev.chillproxy.store.torznab;

import java.util.regex.Pattern;

/**
 * What to search for.
 *
 * @param imdbId  {@code tt…} or null
 * @param season  null for movies or when unknown
 * @param episode null when unknown
 * @param title   a title to fall back on when the indexer cannot search by IMDb id; may be null
 * @param series  true for series (tvsearch), false for movies
 */
public record TorznabQuery(String imdbId, Integer season, Integer episode, String title, boolean series) {

    private static final Pattern IMDB = Pattern.compile("tt\\d{5,10}");

    public TorznabQuery {
        if (imdbId != null && !IMDB.matcher(imdbId).matches()) {
            throw new IllegalArgumentException("imdbId: expected tt followed by digits");
        }
        if ((season != null && season < 0) || (episode != null && episode < 0)) {
            throw new IllegalArgumentException("season/episode: negative");
        }
        title = title == null || title.isBlank() ? null : title.trim();
    }

    public static TorznabQuery movie(String imdbId, String title) {
        return new TorznabQuery(imdbId, null, null, title, false);
    }

    public static TorznabQuery episode(String imdbId, int season, int episode, String title) {
        return new TorznabQuery(imdbId, season, episode, title, true);
    }
}
