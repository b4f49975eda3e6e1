package dev.chillproxy.core.title;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The release-name table: titles/releases.tsv (every column checked) and titles/names.tsv (only the listed
 * fields checked), with the known misses of titles/known-misses.txt. Shared by {@link ReleaseNamesTest} and the
 * benchmark main {@link TitleBench}.
 */
final class ReleaseTable {

    /** One name and the fields it must read as, each rendered as text (see {@link #FIELDS}). */
    record Row(String name, Map<String, String> expected) {
    }

    /** How each checked field of a parse is rendered for comparison. */
    static final Map<String, Function<ParsedTitle, String>> FIELDS = fields();

    private static final String[] RELEASE_COLUMNS = {"title", "year", "res", "quality", "codec", "s", "e", "group",
        "hdr", "lang"};

    private ReleaseTable() {
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : lines("/titles/releases.tsv")) {
            String[] cells = line.split("\t", -1);
            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 0; i < RELEASE_COLUMNS.length; i++) {
                expected.put(RELEASE_COLUMNS[i], cells[i + 1].strip());
            }
            for (String extra : cells[11].split(";")) {
                put(expected, extra.strip());
            }
            rows.add(new Row(cells[0], normalise(expected)));
        }
        for (String line : lines("/titles/names.tsv")) {
            String[] cells = line.split("\t", -1);
            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 1; i < cells.length; i++) {
                put(expected, cells[i].strip());
            }
            rows.add(new Row(cells[0], normalise(expected)));
        }
        return rows;
    }

    static Set<String> knownMisses() {
        return new LinkedHashSet<>(lines("/titles/known-misses.txt"));
    }

    /** The checked fields where {@code parsed} differs from the row, as "field: expected ≠ actual". */
    static List<String> differences(Row row, ParsedTitle parsed) {
        List<String> out = new ArrayList<>();
        row.expected().forEach((key, want) -> {
            String got = FIELDS.get(key).apply(parsed);
            if (!want.equals(got)) {
                out.add(key + ": expected [" + want + "] got [" + got + "]");
            }
        });
        return out;
    }

    private static void put(Map<String, String> expected, String check) {
        if (check.isEmpty()) {
            return;
        }
        int eq = check.indexOf('=');
        String key = eq < 0 ? check : check.substring(0, eq);
        String value = eq < 0 ? "true" : check.substring(eq + 1).strip();
        if (!FIELDS.containsKey(key)) {
            throw new IllegalArgumentException("unknown field " + key);
        }
        expected.put(key, value);
    }

    private static Map<String, String> normalise(Map<String, String> expected) {
        expected.replaceAll((key, value) -> switch (key) {
            case "s", "e" -> numbers(value);
            case "year" -> value.isEmpty() ? "0" : value;
            case "hdr", "audio", "ch", "lang" -> value.replace(", ", ",");
            default -> value;
        });
        return expected;
    }

    private static String numbers(String cell) {
        StringJoiner out = new StringJoiner(",");
        for (String part : cell.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part.strip() : part.substring(0, dash).strip());
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).strip());
            for (int i = from; i <= to; i++) {
                out.add(Integer.toString(i));
            }
        }
        return out.toString();
    }

    private static Map<String, Function<ParsedTitle, String>> fields() {
        Map<String, Function<ParsedTitle, String>> f = new LinkedHashMap<>();
        f.put("title", ParsedTitle::title);
        f.put("year", p -> p.yearEnd() > 0 ? p.year() + "-" + p.yearEnd() : Integer.toString(p.year()));
        f.put("res", ParsedTitle::resolution);
        f.put("quality", ParsedTitle::quality);
        f.put("codec", ParsedTitle::codec);
        f.put("bit", ParsedTitle::bitDepth);
        f.put("hdr", p -> String.join(",", p.hdr()));
        f.put("audio", p -> String.join(",", p.audio()));
        f.put("ch", p -> String.join(",", p.channels()));
        f.put("lang", p -> String.join(",", p.languages()));
        f.put("s", p -> join(p.seasons()));
        f.put("e", p -> join(p.episodes()));
        f.put("group", ParsedTitle::group);
        f.put("container", ParsedTitle::container);
        f.put("edition", ParsedTitle::edition);
        f.put("site", ParsedTitle::site);
        f.put("3d", ParsedTitle::threeD);
        f.put("complete", p -> Boolean.toString(p.complete()));
        f.put("extended", p -> Boolean.toString(p.extended()));
        f.put("proper", p -> Boolean.toString(p.proper()));
        f.put("repack", p -> Boolean.toString(p.repack()));
        f.put("remastered", p -> Boolean.toString(p.remastered()));
        f.put("unrated", p -> Boolean.toString(p.unrated()));
        f.put("uncensored", p -> Boolean.toString(p.uncensored()));
        f.put("dubbed", p -> Boolean.toString(p.dubbed()));
        f.put("subbed", p -> Boolean.toString(p.subbed()));
        f.put("hardcoded", p -> Boolean.toString(p.hardcoded()));
        f.put("retail", p -> Boolean.toString(p.retail()));
        f.put("convert", p -> Boolean.toString(p.convert()));
        f.put("upscaled", p -> Boolean.toString(p.upscaled()));
        f.put("documentary", p -> Boolean.toString(p.documentary()));
        f.put("commentary", p -> Boolean.toString(p.commentary()));
        return Map.copyOf(f);
    }

    private static String join(List<Integer> numbers) {
        StringJoiner out = new StringJoiner(",");
        numbers.forEach(n -> out.add(Integer.toString(n)));
        return out.toString();
    }

    private static List<String> lines(String resource) {
        List<String> out = new ArrayList<>();
        try (InputStream in = ReleaseTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
