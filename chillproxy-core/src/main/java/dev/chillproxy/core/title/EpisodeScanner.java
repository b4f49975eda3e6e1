package dev.chillproxy.core.title;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the seasons and episodes a release name covers: S01E02, S01E01-E03, S01E01E02, 1x02, S01-S03,
 * "Season 1-3", "Episode 5", E05, complete-series marks, and, when nothing explicit was found, anime
 * absolute numbers (" - 05 ", "[05]", "(01-12)"). Matches are blanked from the working text.
 * Stateless and thread-safe.
 */
final class EpisodeScanner {

    /** The seasons and episodes found, whether the name says "complete", and where the first mark began. */
    record Found(List<Integer> seasons, List<Integer> episodes, boolean complete, int start) {
    }

    private static final int MAX_RANGE = 1000;
    private static final int MAX_ITEMS = 2000;
    private static final int I = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String B = TokenRule.START;
    private static final String E = TokenRule.END;

    private static final Pattern SEASON_EPISODE = Pattern.compile(B + "S(\\d{1,3})[ ._-]?E(\\d{1,4})(?![0-9])", I);
    /** Continues a SxxEyy mark: "-E03"/"-03" is a range end, "E02"/" E02" one more episode. */
    private static final Pattern SEASON_EPISODE_MORE = Pattern.compile(
            "\\G(?:[ ._]?-[ ._]?(?:S\\d{1,3}[ ._]?)?E?(\\d{1,4})(?![0-9A-Za-z])|[ ._]?(?:S\\d{1,3}[ ._]?)?E(\\d{1,4})(?![0-9]))",
            I);
    private static final Pattern CROSS = Pattern.compile(B + "(\\d{1,2})x(\\d{1,3})" + E, I);
    private static final Pattern CROSS_MORE = Pattern.compile(
            "\\G[ ._]?-[ ._]?(?:\\d{1,2}x)?(\\d{1,3})" + E, I);
    private static final Pattern EPISODE_WORD = Pattern.compile(
            B + "(?:Episodes?|Ep|Episodio|[EÉ]pisode)[ ._-]?(\\d{1,4})(?:(?:-|~|[ ._](?:to|-)[ ._])(\\d{1,4}))?" + E, I);
    private static final Pattern EPISODE_ALONE = Pattern.compile(
            B + "E(\\d{2,4})(?:[ ._]?-[ ._]?E?(\\d{2,4}))?" + E, I);
    private static final Pattern SEASON_WORD = Pattern.compile(
            B + "(?:Seasons?|Saison|Temporada|Staffel|Stagione)[ ._-]?(\\d{1,3})(?:(?:-|~|[ ._](?:to|&)[ ._])(\\d{1,3}))?" + E,
            I);
    private static final Pattern SEASON_CODE = Pattern.compile(
            B + "S(\\d{1,3})(?:(?:-|~)S?(\\d{1,3})|[ ._]?[-~][ ._]?S(\\d{1,3}))?" + E, I);
    private static final Pattern COMPLETE = Pattern.compile(
            B + "(?:The[ ._])?Complete[ ._-](?:Series|Seasons?|Collection|Box[ ._-]?Set|Pack)" + E, I);
    private static final Pattern ANIME_DASH = Pattern.compile(
            "(?<=[ _])[-–~][ _](\\d{1,4})(?:v\\d)?(?:[ _]?[-~][ _]?(\\d{1,4})(?:v\\d)?)?(?=[ _\\[(]|$)");
    private static final Pattern ANIME_BRACKET = Pattern.compile("[\\[(](\\d{1,4})(?:v\\d)?(?:[ ]?[-~][ ]?(\\d{1,4}))?[\\])]");

    Found scan(StringBuilder text, int from) {
        SortedSet<Integer> seasons = new TreeSet<>();
        SortedSet<Integer> episodes = new TreeSet<>();
        int[] start = {text.length()};
        withContinuation(text, from, SEASON_EPISODE, SEASON_EPISODE_MORE, seasons, episodes, start);
        withContinuation(text, from, CROSS, CROSS_MORE, seasons, episodes, start);
        ranges(text, from, EPISODE_WORD, episodes, start, false);
        ranges(text, from, EPISODE_ALONE, episodes, start, false);
        ranges(text, from, SEASON_WORD, seasons, start, false);
        ranges(text, from, SEASON_CODE, seasons, start, false);
        boolean complete = ranges(text, from, COMPLETE, new TreeSet<>(), start, false);
        if (episodes.isEmpty()) {
            ranges(text, from, ANIME_DASH, episodes, start, true);
            ranges(text, from, ANIME_BRACKET, episodes, start, true);
        }
        return new Found(List.copyOf(seasons), List.copyOf(episodes), complete, start[0]);
    }

    private static void withContinuation(StringBuilder text, int from, Pattern first, Pattern more,
            SortedSet<Integer> seasons, SortedSet<Integer> episodes, int[] start) {
        Matcher m = matcher(first, text, from);
        while (m.find()) {
            add(seasons, Integer.parseInt(m.group(1)));
            int last = Integer.parseInt(m.group(2));
            add(episodes, last);
            int end = m.end();
            Matcher c = matcher(more, text, end);
            for (int n = 0; n < 50 && c.find(); n++) {
                if (c.group(1) != null) {
                    int to = Integer.parseInt(c.group(1));
                    addRange(episodes, last, to);
                    last = to;
                } else {
                    last = Integer.parseInt(c.group(2));
                    add(episodes, last);
                }
                end = c.end();
            }
            start[0] = Math.min(start[0], m.start());
            TokenRule.blank(text, m.start(), end);
        }
    }

    /** Applies a one-number-or-range pattern; returns whether it matched at all. */
    private static boolean ranges(StringBuilder text, int from, Pattern pattern, SortedSet<Integer> into,
            int[] start, boolean skipYears) {
        boolean any = false;
        Matcher m = matcher(pattern, text, from);
        while (m.find()) {
            if (m.groupCount() == 0) {
                any = true;
            } else {
                int a = Integer.parseInt(m.group(1));
                String second = m.groupCount() >= 3 && m.group(3) != null ? m.group(3) : m.group(2);
                int b = second == null ? a : Integer.parseInt(second);
                if (skipYears && (looksLikeYear(m.group(1)) || (second != null && looksLikeYear(second)))) {
                    continue;
                }
                addRange(into, a, b);
                any = true;
            }
            start[0] = Math.min(start[0], m.start());
            TokenRule.blank(text, m.start(), m.end());
        }
        return any;
    }

    private static boolean looksLikeYear(String digits) {
        return digits.length() == 4 && (digits.startsWith("19") || digits.startsWith("20"));
    }

    private static Matcher matcher(Pattern pattern, StringBuilder text, int from) {
        Matcher m = pattern.matcher(text);
        m.region(Math.min(from, text.length()), text.length());
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        return m;
    }

    private static void addRange(SortedSet<Integer> into, int from, int to) {
        if (to < from || to - from > MAX_RANGE) {
            add(into, from);
            add(into, to);
            return;
        }
        for (int i = from; i <= to; i++) {
            add(into, i);
        }
    }

    private static void add(SortedSet<Integer> into, int value) {
        if (into.size() < MAX_ITEMS) {
            into.add(value);
        }
    }
}
