package dev.chillproxy.core.title;

import static dev.chillproxy.core.title.EpisodeNumbers.add;
import static dev.chillproxy.core.title.EpisodeNumbers.addRange;
import static dev.chillproxy.core.title.EpisodeNumbers.num;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Episode marks without a season: words in several languages ("Episode 5", "Capitulo 3", "Серии 1-8"),
 * numbers before an episode word ("5 серия") and bare codes ("E05", "EP01-EP12").
 */
final class EpisodeWordMarks {

    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final String B = "(?<![A-Za-z0-9])";
    private static final String NUM_END = "(?![0-9])";

    private static final Rx EPISODE_WORD = Rx.compile("(?<![\\p{L}0-9])(Episodes?|Episodio|[EÉ]pisode|Eps?|Capitulo|Capítulo|Caap|Cap"
            + "|Odcinek|odc|Эпизод|Серии|Серия|Серія|seriya|serija|serya|seria|serii|afl)[ ._:#№-]*\\(?[ ._]*"
            + "(\\d{1,4})(?:\\.(\\d{1,3})(?![0-9pPiI]))?(?:v\\d)?(?:[ ._]*(?:-|~|to|à|ao)[ ._]*E?(\\d{1,4}))?"
            + "(?:[ ._]*(?:из|iz|of)[ ._]*(\\d{1,4}))?" + NUM_END, I);
    private static final Rx NUMBER_EPISODE = Rx.compile("(?<![0-9])(\\d{1,4})(?:[ ._-]*[яй])?[ ._-]*(?:серия|серии|сер\\.?|seriya"
            + "|serija|serya|seria|serii|ser)(?![\\p{L}])", I);
    private static final Rx EPISODE_CODE = Rx.compile(B + "E[Pp]?(\\d{1,4})(?:v\\d)?(?:[ ._]*[-~][ ._]*E?(\\d{1,4}))?"
            + "(?:E(\\d{1,4}))?" + NUM_END, I);

    private EpisodeWordMarks() {
    }

    /** Loads this class, and so registers its patterns with {@link Rx}. */
    static void load() {
    }

    static void episodeWords(WorkText text, int from, EpisodeMarks marks, boolean explicitEpisodes) {
        Rx.Finder f = EPISODE_WORD.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            if (!explicitEpisodes) {
                int a = num(m.group(2));
                if (m.group(3) != null) {
                    add(marks.seasons, a);
                    add(marks.episodes, num(m.group(3)));
                } else if (m.group(4) != null) {
                    addRange(marks.episodes, a, num(m.group(4)));
                } else if (m.group(5) != null && m.group(1).equalsIgnoreCase("Серии")) {
                    addRange(marks.episodes, 1, a);
                } else {
                    add(marks.episodes, a);
                }
            }
            marks.bound(m.start());
            text.blank(m.start(), m.end());
        }
        if (marks.episodes.isEmpty()) {
            pairs(text, from, marks, NUMBER_EPISODE, true);
        }
    }

    static void episodeCodes(WorkText text, int from, EpisodeMarks marks) {
        pairs(text, from, marks, EPISODE_CODE, false);
    }

    /** Applies a one-number-or-range pattern (groups 1 and optional 2, optional extra 3). */
    private static void pairs(WorkText text, int from, EpisodeMarks marks, Rx rx, boolean bound) {
        Rx.Finder f = rx.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            int a = num(m.group(1));
            addRange(marks.episodes, a, m.groupCount() >= 2 && m.group(2) != null ? num(m.group(2)) : a);
            if (m.groupCount() >= 3 && m.group(3) != null) {
                addRange(marks.episodes, a, num(m.group(3)));
            }
            marks.bound(m.start());
            text.blank(m.start(), m.end());
        }
    }
}
