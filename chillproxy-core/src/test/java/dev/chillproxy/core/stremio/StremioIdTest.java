package dev.chillproxy.core.stremio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.chillproxy.core.stremio.StremioId.IdSource;

class StremioIdTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "movie  | tt0111161                | tt0111161            | IMDB  | tt0111161   | -  | -",
            "movie  | tt0111161.json           | tt0111161            | IMDB  | tt0111161   | -  | -",
            "series | tt0898266:9:17           | tt0898266:9:17       | IMDB  | tt0898266   | 9  | 17",
            "series | tt0898266%3A9%3A17       | tt0898266:9:17       | IMDB  | tt0898266   | 9  | 17",
            "series | tt0898266%3a9%3a17.json  | tt0898266:9:17       | IMDB  | tt0898266   | 9  | 17",
            "series | tt0898266                | tt0898266            | IMDB  | tt0898266   | -  | -",
            "series | tt0388629:0:1171         | tt0388629:0:1171     | IMDB  | tt0388629   | 0  | 1171",
            "anime  | kitsu:11469              | kitsu:11469          | KITSU | kitsu:11469 | -  | -",
            "anime  | kitsu:11469:5            | kitsu:11469:5        | KITSU | kitsu:11469 | -  | 5",
            "series | kitsu%3A11469%3A5.json   | kitsu:11469:5        | KITSU | kitsu:11469 | -  | 5",
            "movie  | kitsu:7936               | kitsu:7936           | KITSU | kitsu:7936  | -  | -",
            "anime  | mal:21:1000              | mal:21:1000          | MAL   | mal:21      | -  | 1000",
            "SERIES | mal:21                   | mal:21               | MAL   | mal:21      | -  | -",
    })
    void parsesEverySupportedShape(String type, String id, String raw, IdSource source, String baseId,
            Integer season, Integer episode) throws InvalidStremioIdException {
        assertEquals(new StremioId(raw, source, baseId, season, episode), StremioId.parse(type, id));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "tv     | tt0111161          | unsupported type \"tv\"",
            "-      | tt0111161          | unsupported type",
            "movie  | -                  | missing id",
            "movie  | tmdb:550           | unsupported id \"tmdb:550\": expected tt…, kitsu:… or mal:…",
            "movie  | <script>           | unsupported id: expected tt…, kitsu:… or mal:…",
            "anime  | tt0111161          | an IMDb id needs type movie or series, not anime",
            "movie  | tt0898266:9:17     | a movie id has no season or episode \"tt0898266:9:17\"",
            "series | tt0898266:9        | malformed IMDb id \"tt0898266:9\": expected tt<digits> or tt<digits>:<season>:<episode>",
            "series | ttabc              | malformed IMDb id \"ttabc\": expected tt<digits> or tt<digits>:<season>:<episode>",
            "series | tt1:1:2:3          | malformed IMDb id \"tt1:1:2:3\": expected tt<digits> or tt<digits>:<season>:<episode>",
            "series | tt1:1001:1         | season \"1001\" is not a number from 0 to 1000",
            "series | tt1:1:100001       | episode \"100001\" is not a number from 0 to 100000",
            "series | tt1:1:99999999999  | episode \"99999999999\" is not a number from 0 to 100000",
            "series | tt1:-1:2           | season \"-1\" is not a number from 0 to 1000",
            "series | tt1:1:               | episode is not a number from 0 to 100000",
            "anime  | kitsu:abc          | malformed id \"kitsu:abc\": expected kitsu:<number>[:<episode>]",
            "anime  | kitsu:1:2:3        | malformed id \"kitsu:1:2:3\": expected kitsu:<number>[:<episode>]",
            "anime  | mal:               | malformed id \"mal:\": expected mal:<number>[:<episode>]",
            "series | tt1%zz             | bad percent-escape in id",
    })
    void rejectsWithAClearMessage(String type, String id, String message) {
        assertEquals(message, assertThrows(InvalidStremioIdException.class, () -> StremioId.parse(type, id)).getMessage());
    }

    @Test
    void rejectsOverlongIds() {
        String id = "tt" + "1".repeat(300);
        assertEquals("id longer than 256 characters",
                assertThrows(InvalidStremioIdException.class, () -> StremioId.parse("movie", id)).getMessage());
    }

    @Test
    void randomInputsOnlyEverThrowTheCheckedException() {
        Random random = new Random(7);
        String alphabet = "tkimsual0123456789:%3A.json+-";
        for (int i = 0; i < 5000; i++) {
            StringBuilder id = new StringBuilder(random.nextBoolean() ? "tt" : "kitsu:");
            for (int n = random.nextInt(20); n > 0; n--) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                StremioId parsed = StremioId.parse(random.nextBoolean() ? "series" : "anime", id.toString());
                assertTrue(parsed.baseId().startsWith("tt") || parsed.baseId().startsWith("kitsu:"), parsed.toString());
            } catch (InvalidStremioIdException expected) {
                assertFalse(expected.getMessage().isBlank());
            }
        }
    }

    @Test
    void contentTypeOfKnowsOnlyTheThreeTypes() {
        assertEquals(Optional.of(ContentType.SERIES), ContentType.of("series"));
        assertEquals(Optional.of(ContentType.ANIME), ContentType.of("Anime"));
        assertEquals(Optional.empty(), ContentType.of("channel"));
        assertEquals(Optional.empty(), ContentType.of(null));
        assertEquals("movie", ContentType.MOVIE.id());
    }

    @Test
    void episodeFlag() throws InvalidStremioIdException {
        assertTrue(StremioId.parse("series", "tt1:1:2").isEpisode());
        assertFalse(StremioId.parse("series", "tt1").isEpisode());
    }
}
