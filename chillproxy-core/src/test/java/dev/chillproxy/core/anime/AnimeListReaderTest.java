package dev.chillproxy.core.anime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.chillproxy.core.stremio.StremioId;
import org.junit.jupiter.api.Test;

class AnimeListReaderTest {

    // shaped like Fribb/anime-lists anime-list-full.json entries
    private static final String LIST = """
            [
              {"type":"TV","kitsu_id":7442,"mal_id":16498,"anidb_id":9541,"imdb_id":"tt2560140",
               "themoviedb_id":{"tv":1429},"thetvdb_id":267440,"season":{"tvdb":1,"tmdb":1}},
              {"type":"TV","kitsu_id":8671,"mal_id":25777,"imdb_id":["tt2560140"],"season":{"tvdb":2,"tmdb":2}},
              {"type":"TV","kitsu_id":"45000","imdb_id":["", "tt0434665"],"season":{"tmdb":17},
               "episode_offset":{"tvdb":13,"tmdb":13}},
              {"type":"MOVIE","kitsu_id":142,"mal_id":164,"imdb_id":"tt0119698"},
              {"type":"TV","kitsu_id":1,"mal_id":1,"thetvdb_id":76885},
              {"type":"TV","kitsu_id":3,"imdb_id":"tt0168366"},
              {"type":"TV","kitsu_id":{"odd":true},"mal_id":"x","imdb_id":"tt1","season":"two"},
              ["not", "an", "object"]
            ]""";

    private static AnimeMapping read(String json) throws IOException {
        return AnimeListReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 1_000);
    }

    private static Optional<String> mapped(AnimeMapping mapping, String type, String id) throws Exception {
        return mapping.map(StremioId.parse(type, id)).map(StremioId::raw);
    }

    @Test
    void kitsuAndMalEpisodesMapToTheImdbSeasonWithTheOffset() throws Exception {
        AnimeMapping mapping = read(LIST);
        assertEquals(Optional.of("tt2560140:1:5"), mapped(mapping, "series", "kitsu:7442:5"));
        assertEquals(Optional.of("tt2560140:2:5"), mapped(mapping, "anime", "kitsu:8671:5"));
        assertEquals(Optional.of("tt2560140:2:3"), mapped(mapping, "series", "mal:25777:3"));
        assertEquals(Optional.of("tt0434665:17:14"), mapped(mapping, "series", "kitsu:45000:1"), "TMDB season when TVDB's is missing; offset added");
        StremioId mapped = mapping.map(StremioId.parse("series", "kitsu:8671:5")).orElseThrow();
        assertEquals(StremioId.IdSource.IMDB, mapped.source());
        assertEquals("kitsu:8671:5", mapped.origin().raw());
    }

    @Test
    void aMovieMapsBareButWhatTheListCannotPlaceStaysUnmapped() throws Exception {
        AnimeMapping mapping = read(LIST);
        assertEquals(Optional.of("tt0119698"), mapped(mapping, "movie", "kitsu:142"));
        assertEquals(Optional.empty(), mapped(mapping, "series", "kitsu:7442"), "a whole show has no one season");
        assertEquals(Optional.empty(), mapped(mapping, "series", "kitsu:1:5"), "no IMDb id");
        assertEquals(Optional.empty(), mapped(mapping, "series", "kitsu:3:5"), "no season");
        assertEquals(Optional.empty(), mapped(mapping, "series", "kitsu:999:5"), "unknown id");
        assertEquals(Optional.empty(), mapped(mapping, "series", "tt2560140:1:5"));
        assertEquals(Optional.empty(), mapped(AnimeMapping.EMPTY, "series", "kitsu:7442:5"));
        assertEquals(8, mapping.size(), "kitsu 7442, 8671, 45000, 142, 3 and mal 16498, 25777, 164; the odd entry has no usable id");
    }

    @Test
    void aBrokenOrRunawayListIsRefusedWhole() {
        assertThrows(IOException.class, () -> read("{\"kitsu_id\":1}"));
        assertThrows(IOException.class, () -> read("[{\"kitsu_id\":1,\"imdb_id\":\"tt1234567\"}"));
        assertThrows(IOException.class, () -> read("[{\"kitsu_id\":1,\"imdb_id\":\"tt1234567\"},!!!]"));
        assertThrows(IOException.class, () -> AnimeListReader.read(new ByteArrayInputStream(
                "[{},{},{}]".getBytes(StandardCharsets.UTF_8)), 2));
        assertTrue(assertThrows(IOException.class, () -> read("")).getMessage().contains("not a JSON array"));
    }
}
