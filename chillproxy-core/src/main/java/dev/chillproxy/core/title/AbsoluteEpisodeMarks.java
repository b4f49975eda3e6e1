package dev.chillproxy.core.title;

import static dev.chillproxy.core.title.EpisodeNumbers.add;
import static dev.chillproxy.core.title.EpisodeNumbers.addRange;
import static dev.chillproxy.core.title.EpisodeNumbers.looksLikeYear;
import static dev.chillproxy.core.title.EpisodeNumbers.num;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Anime-style absolute episode numbers (" - 05", "[05]", "(001-220)", "Show 264 [CRC]", "Naruto.001"), the
 * last resort when nothing else named an episode: each form is tried in order and the first hit wins.
 */
final class AbsoluteEpisodeMarks {

    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final String B = "(?<![A-Za-z0-9])";
    private static final String NUM_END = "(?![0-9])";

    private static final Rx ANIME_DASH = Rx.compile("(?<=[ _.])[-–~][ _.]+(\\d{1,4})(?:v\\d|[a-c]|\\.5)?(?=[ _.]*(?:$|[\\[(\\-~,]|ao|to))"
            + "(?:(?:[ _.]*[-~][ _.]*|[ _]+(?:ao|to|a)[ _]+|,[ _]*)(\\d{1,4})(?:v\\d)?(?=[ _.]*(?:$|[\\[(]|-)))?", 0);
    private static final Rx ANIME_BRACKET = Rx.compile("[\\[(](\\d{1,4})(?:v\\d)?(?:[ ]?[-~][ ]?(\\d{1,4}))?(?:TV)?[\\])]", 0);
    private static final Rx ANIME_BEFORE_BRACKET = Rx.compile("(?<=[ _])(\\d{2,4})(?:v\\d)?(?=[ _]*(?:[\\[(]|$))", 0);
    /** "Dragon.Ball.Z.013.480p", "Naruto.001.v4.480p": a zero-padded dotted number is an absolute episode. */
    private static final Rx DOTTED_PADDED = Rx.compile("(?<=[.])(0\\d{2})(?:\\.v\\d)?(?=\\.)", 0);
    private static final Rx BARE_RANGE = Rx.compile("(?<=[ ])(\\d{1,4})-(\\d{1,4})(?=[ (\\[]|$)", 0);
    private static final Rx LEADING_NUMBER = Rx.compile("^(\\d{1,4})(?:[ ._]*-[ ._]*(\\d{1,4}))?(?=[ ._]+-[ ._]|[ ]+\\d|$)", 0);
    private static final Rx LEADING_PADDED = Rx.compile("^(0\\d{1,2})[ ]+(?=[A-Za-z])(?!Movie)", 0);
    /** "One.Piece.1071.Subbed", "Naruto 500 Eng Sub": a bare number right before a sub/dub word. */
    private static final Rx BEFORE_SUB = Rx.compile("(?<=[ ._])(\\d{2,4})(?=[ ._]+(?:Eng[ ._]+)?(?:Sub|Subs|Subbed|Dub|Dubbed"
            + "|Raw)(?![A-Za-z]))", I);
    /** "Vikkatakavi 01E06": a two-digit prefix glued to an episode code. */
    private static final Rx NUMBER_EPISODE_CODE = Rx.compile(B + "\\d{2}E(\\d{2})" + NUM_END, I);
    private static final Rx OF_TOTAL = Rx.compile("(?<![0-9])(\\d{1,2})[ ._]*(?:of|iz|из)[ ._]*(\\d{1,2})" + NUM_END, I);
    private static final Set<String> RESOLUTIONS = Set.of("480", "576", "720", "1080", "2160");

    private AbsoluteEpisodeMarks() {
    }

    /** Loads this class, and so registers its patterns with {@link Rx}. */
    static void load() {
    }

    static void absolute(WorkText text, int from, EpisodeMarks marks, boolean isFile) {
        Rx.Finder f = ANIME_DASH.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            if (looksLikeYear(m.group(1)) || precededBy(text, m.start(), "movie")) {
                continue;
            }
            int a = num(m.group(1));
            if (m.group(2) != null && num(m.group(2)) > a) {
                addRange(marks.episodes, a, num(m.group(2)));
            } else {
                add(marks.episodes, a);
            }
            marks.bound(m.start());
            text.blank(m.start(), m.end());
            return;
        }
        f = DOTTED_PADDED.finder(text, from);
        if (f.find()) {
            add(marks.episodes, num(f.match().group(1)));
            marks.bound(f.match().start());
            text.blank(f.match().start(), f.match().end());
            return;
        }
        for (Rx rx : List.of(ANIME_BRACKET, BARE_RANGE)) {
            f = rx.finder(text, from);
            while (f.find()) {
                Matcher m = f.match();
                String first = m.group(1);
                if (looksLikeYear(first) || RESOLUTIONS.contains(first) || m.group(2) != null && looksLikeYear(m.group(2))) {
                    continue;
                }
                int a = num(first);
                addRange(marks.episodes, a, m.group(2) == null ? a : num(m.group(2)));
                marks.bound(m.start());
                text.blank(m.start(), m.end());
                return;
            }
        }
        if (text.length() > from && text.charAt(0) == '[' || from > 0) {
            f = ANIME_BEFORE_BRACKET.finder(text, from);
            while (f.find()) {
                Matcher m = f.match();
                if (looksLikeYear(m.group(1)) || RESOLUTIONS.contains(m.group(1))) {
                    continue;
                }
                add(marks.episodes, num(m.group(1)));
                marks.bound(m.start());
                text.blank(m.start(), m.end());
                return;
            }
        }
        f = LEADING_NUMBER.finder(text, from);
        if (from == 0 && f.find() && !looksLikeYear(f.match().group(1))) {
            Matcher m = f.match();
            int a = num(m.group(1));
            addRange(marks.episodes, a, m.group(2) == null ? a : num(m.group(2)));
            text.blank(m.start(), m.end());
            return;
        }
        f = LEADING_PADDED.finder(text, from);
        if (isFile && from == 0 && f.find()) {
            add(marks.episodes, num(f.match().group(1)));
            text.blank(f.match().start(), f.match().end());
            return;
        }
        for (Rx rx : List.of(BEFORE_SUB, NUMBER_EPISODE_CODE)) {
            f = rx.finder(text, from);
            if (f.find() && !looksLikeYear(f.match().group(1))) {
                add(marks.episodes, num(f.match().group(1)));
                marks.bound(f.match().start());
                text.blank(f.match().start(), f.match().end());
                return;
            }
        }
        f = OF_TOTAL.finder(text, from);
        if (f.find()) {
            // "5of6", "3iz6", "Cd2 Of 3": part five of six is episode five.
            Matcher m = f.match();
            add(marks.episodes, num(m.group(1)));
            text.blank(m.start(), m.end());
        }
    }

    private static boolean precededBy(WorkText text, int position, String word) {
        int end = position;
        while (end > 0 && !Character.isLetterOrDigit(text.charAt(end - 1))) {
            end--;
        }
        int start = end - word.length();
        return start >= 0 && text.subSequence(start, end).toString().equalsIgnoreCase(word);
    }
}
