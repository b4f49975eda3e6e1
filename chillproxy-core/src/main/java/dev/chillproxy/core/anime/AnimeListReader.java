package dev.chillproxy.core.anime;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the Fribb/anime-lists {@code anime-list-full.json} format, one entry at a time (the real list is ~5 MB and
 * tens of thousands of entries). The file is a JSON array of objects such as
 * <pre>
 * {"type":"TV","kitsu_id":7442,"mal_id":16498,"anidb_id":9541,"imdb_id":"tt2560140",
 *  "themoviedb_id":{"tv":1429},"thetvdb_id":267440,"season":{"tvdb":1,"tmdb":1}}
 * {"type":"TV","kitsu_id":12345,"mal_id":53998,"imdb_id":["tt0434665"],"season":{"tvdb":17,"tmdb":2},
 *  "episode_offset":{"tvdb":13,"tmdb":13}}
 * </pre>
 * Only {@code kitsu_id}, {@code mal_id}, {@code imdb_id} (a string or an array: the first {@code tt…} wins),
 * {@code season} and {@code episode_offset} (TVDB numbering first, which IMDb/Cinemeta seasons follow more often
 * than TMDB's; TMDB's when TVDB's is missing) and {@code type} are read. Numbers may come quoted; entries without an
 * IMDb id, and fields of an unexpected shape, are skipped rather than failing the whole list. Stateless.
 */
public final class AnimeListReader {

    private static final Pattern IMDB = Pattern.compile("tt\\d{1,10}");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private AnimeListReader() {
    }

    /**
     * @param maxEntries the list is refused past this many entries (a runaway or hostile file)
     * @throws IOException when the stream is not a JSON array of objects, or is too long
     */
    public static AnimeMapping read(InputStream in, int maxEntries) throws IOException {
        Map<String, AnimeMapping.Entry> entries = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("the anime list is not a JSON array");
            }
            int seen = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new IOException("the anime list ends early");
                }
                if (++seen > maxEntries) {
                    throw new IOException("the anime list has more than " + maxEntries + " entries");
                }
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                add(entries, MAPPER.readTree(parser));
            }
        }
        return new AnimeMapping(entries);
    }

    private static void add(Map<String, AnimeMapping.Entry> entries, JsonNode node) {
        String imdbId = imdbId(node.get("imdb_id"));
        if (imdbId == null) {
            return;
        }
        Integer season = preferTvdb(node.get("season"));
        Integer offset = preferTvdb(node.get("episode_offset"));
        boolean movie = node.path("type").asText("").trim().toUpperCase(Locale.ROOT).equals("MOVIE");
        AnimeMapping.Entry entry = new AnimeMapping.Entry(imdbId, season, offset == null ? 0 : offset, movie);
        Integer kitsu = number(node.get("kitsu_id"));
        Integer mal = number(node.get("mal_id"));
        // the first entry for an id wins: a duplicate later in the list cannot silently re-point it
        if (kitsu != null) {
            entries.putIfAbsent("kitsu:" + kitsu, entry);
        }
        if (mal != null) {
            entries.putIfAbsent("mal:" + mal, entry);
        }
    }

    private static String imdbId(JsonNode node) {
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                String id = imdbId(item);
                if (id != null) {
                    return id;
                }
            }
            return null;
        }
        String text = node != null && node.isTextual() ? node.asText().trim().toLowerCase(Locale.ROOT) : "";
        return IMDB.matcher(text).matches() ? text : null;
    }

    private static Integer preferTvdb(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Integer tvdb = number(node.get("tvdb"));
        return tvdb != null ? tvdb : number(node.get("tmdb"));
    }

    /** A whole number from 0 to 10^9, as a JSON number or a quoted one; null for anything else. */
    private static Integer number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() && node.asInt() >= 0 && node.asInt() <= 1_000_000_000 ? node.asInt() : null;
        }
        String text = node.isTextual() ? node.asText().trim() : "";
        return text.matches("\\d{1,9}") ? Integer.valueOf(text) : null;
    }
}
