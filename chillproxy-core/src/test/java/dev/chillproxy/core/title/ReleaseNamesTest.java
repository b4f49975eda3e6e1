package dev.chillproxy.core.title;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the parser against hand-written expectations for realistic release names (titles/releases.tsv). */
class ReleaseNamesTest {

    private static final TitleParser PARSER = new TitleParser();

    static Stream<Arguments> releases() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = ReleaseNamesTest.class.getResourceAsStream("/titles/releases.tsv")) {
            assertNotNull(in, "titles/releases.tsv on the test class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cells = line.split("\t", -1);
                    rows.add(Arguments.of(cells[0], cells));
                }
            }
        }
        return rows.stream();
    }

    @Test
    void fixtureHasAtLeastTwoHundredNames() throws IOException {
        assertTrue(releases().count() >= 200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void parsesAsAPersonWould(String name, String[] cells) {
        ParsedTitle p = PARSER.parse(name);
        List<Executable> checks = new ArrayList<>(List.of(
                () -> assertEquals(cells[1], p.title(), "title"),
                () -> assertEquals(Integer.parseInt(cells[2]), p.year(), "year"),
                () -> assertEquals(cells[3], p.resolution(), "resolution"),
                () -> assertEquals(cells[4], p.quality(), "quality"),
                () -> assertEquals(cells[5], p.codec(), "codec"),
                () -> assertEquals(numbers(cells[6]), p.seasons(), "seasons"),
                () -> assertEquals(numbers(cells[7]), p.episodes(), "episodes"),
                () -> assertEquals(cells[8], p.group(), "group"),
                () -> assertEquals(words(cells[9]), p.hdr(), "hdr"),
                () -> assertEquals(words(cells[10]), p.languages(), "languages")));
        for (String extra : cells[11].split(";")) {
            if (!extra.isBlank()) {
                checks.add(extraCheck(extra.strip(), p));
            }
        }
        assertAll(name, checks);
    }

    private static Executable extraCheck(String extra, ParsedTitle p) {
        int eq = extra.indexOf('=');
        String key = eq < 0 ? extra : extra.substring(0, eq);
        String value = eq < 0 ? "" : extra.substring(eq + 1);
        Function<ParsedTitle, Object> actual = switch (key) {
            case "audio" -> ParsedTitle::audio;
            case "ch" -> ParsedTitle::channels;
            case "bit" -> ParsedTitle::bitDepth;
            case "edition" -> ParsedTitle::edition;
            case "site" -> ParsedTitle::site;
            case "container" -> ParsedTitle::container;
            case "complete" -> ParsedTitle::complete;
            case "extended" -> ParsedTitle::extended;
            case "proper" -> ParsedTitle::proper;
            case "repack" -> ParsedTitle::repack;
            case "remastered" -> ParsedTitle::remastered;
            case "unrated" -> ParsedTitle::unrated;
            case "3d" -> ParsedTitle::threeD;
            default -> throw new IllegalArgumentException("unknown check " + key);
        };
        Object expected = eq < 0 ? Boolean.TRUE
                : key.equals("audio") || key.equals("ch") ? words(value) : value;
        return () -> assertEquals(expected, actual.apply(p), key);
    }

    private static List<String> words(String cell) {
        return cell.isBlank() ? List.of() : Arrays.stream(cell.split(",")).map(String::strip).toList();
    }

    private static List<Integer> numbers(String cell) {
        List<Integer> out = new ArrayList<>();
        for (String part : words(cell)) {
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return out;
    }
}
