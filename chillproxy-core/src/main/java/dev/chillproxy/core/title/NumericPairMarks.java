package dev.chillproxy.core.title;

import static dev.chillproxy.core.title.EpisodeNumbers.add;
import static dev.chillproxy.core.title.EpisodeNumbers.num;

import java.util.List;
import java.util.regex.Matcher;

/**
 * Season and episode as two bare numbers ("[5.01]", " - 5.01 - ", "04_05", ".03.20", "03-20 "); only
 * tried when no explicit mark was found, since such pairs are often dates or versions.
 */
final class NumericPairMarks {

    private static final String NUM_END = "(?![0-9])";

    private static final Rx BRACKET_DOT = Rx.compile("\\[(\\d{1,2})\\.(\\d{2,3})\\]", 0);
    private static final Rx DASHED_DOT = Rx.compile("(?:^|(?<=[ ._]-[ ._]))(\\d{1,2})\\.(\\d{2})(?=[ ._]+-[ ._])", 0);
    private static final Rx UNDERSCORE_PAIR = Rx.compile("(?<![0-9])(\\d{2})_(\\d{2})" + NUM_END, 0);
    private static final Rx DOTTED_PAIR = Rx.compile("(?<=[.])(?<![0-9]\\.)(\\d{2})\\.(\\d{2})(?=(?:\\.[A-Za-z])?$)", 0);
    private static final Rx EDGE_PAIR_START = Rx.compile("^(\\d{1,2})-(\\d{2})(?=[. ][^0-9-])", 0);
    private static final Rx EDGE_PAIR_END = Rx.compile("(?<=[ ])(\\d{1,2})-(\\d{2})[ ]*$", 0);

    private NumericPairMarks() {
    }

    /** Loads this class, and so registers its patterns with {@link Rx}. */
    static void load() {
    }

    static void numericPairs(WorkText text, int from, EpisodeMarks marks) {
        for (Rx rx : List.of(BRACKET_DOT, DASHED_DOT, UNDERSCORE_PAIR, DOTTED_PAIR, EDGE_PAIR_START, EDGE_PAIR_END)) {
            Rx.Finder f = rx.finder(text, from);
            if (f.find()) {
                Matcher m = f.match();
                add(marks.seasons, num(m.group(1)));
                add(marks.episodes, num(m.group(2)));
                if (m.start() > from) {
                    marks.bound(m.start());
                }
                text.blank(m.start(), m.end());
                return;
            }
        }
    }
}
