package dev.chillproxy.core.title;

import static dev.chillproxy.core.title.EpisodeNumbers.add;
import static dev.chillproxy.core.title.EpisodeNumbers.addRange;
import static dev.chillproxy.core.title.EpisodeNumbers.num;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The explicit marks that name season and episode together ("S01E02", "S01E01-E03", "S0102", "1x02") and
 * the words that say a release is complete; they are tried first because they are the most certain.
 */
final class SeasonEpisodeMarks {

    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final String B = "(?<![A-Za-z0-9])";
    private static final String NUM_END = "(?![0-9])";

    private static final Rx COMPLETE = Rx.compile(B + "(?:(?:The[ ._-])?(?:Complete|Full)[ ._-](?:Series|Seasons?(?![ ._]*\\d{1,2}(?![0-9]))|Collection"
            + "|Box[ ._-]?Set|Pack|Set|Filmography|Saga)|All[ ._-](?:\\d{1,2}[ ._-])?Seasons(?:[ ._]*\\((\\d{1,2}) ?- ?(\\d{1,2})\\))?"
            + "|Full[ ._-]\\d{1,2}[ ._-]Seasons|(?:Ultimate[ ._-]|Movies?[ ._-])?Collection|Duology|Trilogy|Quadrilogy|Quadrology"
            + "|Tetralogy|Pentalogy|Hexalogy|Heptalogy|Anthology|Filmography|Box[ ._-]?Set|Completa|Completas|Completo"
            + "|Int[eé]grale|Movies[ ._-]Complete)(?![A-Za-z])", I);
    /** A bare "Complete" only where it cannot be part of a title ("A Complete Unknown"). */
    private static final Rx COMPLETE_WORD = Rx.compile(B + "(?:(?:The[ ._-])?Complete(?=[ ._-]*(?:$|[\\[({\\-+~0-9]|S\\d|MKV"
            + "|Season|[\\])]|[A-Z]{2,}(?![a-z])))|COMPLETE|INTEGRALE?)(?![A-Za-z])", Pattern.UNICODE_CASE);
    private static final Rx SEASON_EPISODE = Rx.compile("(?<![0-9])[ST]([0O]?\\d{1,3})(?:[ ._]*-?[ ._]*x?|[ ._]?)E[Pp]?(\\d{1,4})[a-c]?"
            + NUM_END, I);
    private static final Pattern SEASON_EPISODE_MORE = Pattern.compile("\\G(?:[ ._]*[-~+][ ._]*(?:S\\d{1,3}[ ._]?)?E[Pp]?(\\d{1,4})"
            + "|[-~](\\d{1,4})(?![0-9A-Za-z])|[ ._]?(?:S\\d{1,3}[ ._]?)?E(\\d{1,4})|[ ._]+(?:à|a|to)[ ._]+E?(\\d{1,4}))" + NUM_END, I);
    private static final Rx SEASON_EPISODE_GLUED = Rx.compile(B + "S(\\d{2})(\\d{2})" + NUM_END, I);
    private static final Rx CROSS = Rx.compile("(?<![0-9])(\\d{1,2})[xXхХ](\\d{1,3})" + NUM_END, 0);
    private static final Pattern CROSS_MORE = Pattern.compile("\\G[ ]?[-~][ ]?(?:\\d{1,2}[xXхХ])?(\\d{1,3})" + NUM_END);

    private SeasonEpisodeMarks() {
    }

    /** Loads this class, and so registers its patterns with {@link Rx}. */
    static void load() {
    }

    static void complete(WorkText text, int from, EpisodeMarks marks) {
        for (Rx rx : List.of(COMPLETE, COMPLETE_WORD)) {
            Rx.Finder f = rx.finder(text, from);
            while (f.find()) {
                Matcher m = f.match();
                marks.complete = true;
                if (m.groupCount() >= 2 && m.group(1) != null) {
                    addRange(marks.seasons, num(m.group(1)), num(m.group(2)));
                }
                marks.bound(m.start());
                text.blank(m.start(), m.end());
            }
        }
    }

    static void seasonEpisode(WorkText text, int from, EpisodeMarks marks) {
        Rx.Finder f = SEASON_EPISODE.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            add(marks.seasons, num(m.group(1)));
            int last = num(m.group(2));
            add(marks.episodes, last);
            int end = m.end();
            Matcher c = SEASON_EPISODE_MORE.matcher(text);
            c.useTransparentBounds(true);
            for (int n = 0; n < 50; n++) {
                c.region(end, text.length());
                if (!c.lookingAt()) {
                    break;
                }
                if (c.group(3) != null) {
                    last = num(c.group(3));
                    add(marks.episodes, last);
                } else {
                    int to = num(c.group(1) != null ? c.group(1) : c.group(2) != null ? c.group(2) : c.group(4));
                    addRange(marks.episodes, last, to);
                    last = to;
                }
                end = c.end();
            }
            marks.bound(m.start());
            text.blank(m.start(), end);
            f.skipTo(end);
        }
    }

    static void glued(WorkText text, int from, EpisodeMarks marks) {
        if (!marks.seasons.isEmpty()) {
            return;
        }
        Rx.Finder f = SEASON_EPISODE_GLUED.finder(text, from);
        if (f.find()) {
            Matcher m = f.match();
            add(marks.seasons, num(m.group(1)));
            add(marks.episodes, num(m.group(2)));
            marks.bound(m.start());
            text.blank(m.start(), m.end());
        }
    }

    static void cross(WorkText text, int from, EpisodeMarks marks) {
        Rx.Finder f = CROSS.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            char before = m.start() > 0 ? text.charAt(m.start() - 1) : ' ';
            if (Character.isLetter(before) && m.group(2).length() < 2 || before == '.' && m.start() >= 2
                    && Character.isDigit(text.charAt(m.start() - 2))
                    && (m.start() < 3 || !Character.isDigit(text.charAt(m.start() - 3)))) {
                continue;
            }
            add(marks.seasons, num(m.group(1)));
            int last = num(m.group(2));
            add(marks.episodes, last);
            int end = m.end();
            Matcher c = CROSS_MORE.matcher(text);
            c.useTransparentBounds(true);
            c.region(end, text.length());
            if (c.lookingAt()) {
                addRange(marks.episodes, last, num(c.group(1)));
                end = c.end();
            }
            marks.bound(m.start());
            text.blank(m.start(), end);
            f.skipTo(end);
        }
    }
}
