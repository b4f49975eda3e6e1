package dev.chillproxy.core.title;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the seasons and episodes a release name covers and whether it says it is complete. Explicit marks
 * come first (S01E02 and its variants, 1x02, season and episode words in several languages and scripts,
 * season lists and ranges); numeric forms (5.01, 04_05, 03-20) and anime absolute numbers (" - 05",
 * "[05]", "(001-220)", "Show 264 [CRC]") only when nothing explicit was found. Matches are blanked from the
 * working text; {@link Found#start()} is where the first mark that ends the title began. Stateless and
 * thread-safe.
 */
final class EpisodeScanner {

    /** The seasons and episodes found, whether the name says "complete", and where the first title-ending mark began. */
    record Found(List<Integer> seasons, List<Integer> episodes, boolean complete, int start) {
    }

    private static final int MAX_RANGE = 2000;
    private static final int MAX_ITEMS = 2000;
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
    private static final Rx SEASON_WORD = Rx.compile("(?<![\\p{L}0-9])(?:Seasons?|Saisons?|Series|Temporadas?|Temp\\.?|Staffel"
            + "|Stagion[ei]|Seizoen|Sezon[ ._]?(?:S[O0]?)?|Сезон[ыа]?|Sn)(?:[ ._:#№]*|-)\\(?[ ._]*(\\d{1,3})[ªº°]?(?![0-9A-Za-z])"
            + "(?:(?:[ ._]*(?:[,&+/:~-]|and|to))*[ ._]*(?:S|Seasons?[ ._]*)?\\d{1,3}[ªº°]?(?![0-9A-Za-z]))*", I);
    private static final Rx NUMBER_SEASON = Rx.compile("(?<![0-9])(?:(\\d{1,2})[ ._]*(?:st|nd|rd|th)[ ._]*Seasons?"
            + "|(\\d{1,2})(?:[ªº°]|Âº)?(?:(?:-|[ ._]+(?:a|ao|al|to)[ ._]+)(\\d{1,2})(?:[ªº°]|Âº)?)?[ ._]*(?:a\\.?|-?[йя])?[ ._]*"
            + "(?:Temporadas?|сезон|sezon|sez))(?![\\p{L}])", I);
    private static final Rx SEASON_CODE = Rx.compile(B + "(?:Seasons?[ ._]+)?S([0O]?\\d{1,2})(?![0-9A-Za-z])"
            + "(?:[ ._]*(?:-{1,2}|~|/|&|\\+)[ ._]*S?[0O]?\\d{1,2}(?![0-9A-Za-z]))*", I);
    private static final Pattern EPISODE_AFTER_SEASON = Pattern.compile(
            "\\G[ ._]*(?:-[ ._]*)?(\\d{2,4})(?:v\\d)?(?:(?:[ ._]*[-~][ ._]*|[ ._]+(?:ao|to|a)[ ._]+)(\\d{2,4}))?"
                    + "(?![0-9A-Za-z])");
    private static final Rx EPISODE_WORD = Rx.compile("(?<![\\p{L}0-9])(Episodes?|Episodio|[EÉ]pisode|Eps?|Capitulo|Capítulo|Caap|Cap"
            + "|Odcinek|odc|Эпизод|Серии|Серия|Серія|seriya|serija|serya|seria|serii|afl)[ ._:#№-]*\\(?[ ._]*"
            + "(\\d{1,4})(?:\\.(\\d{1,3})(?![0-9pPiI]))?(?:v\\d)?(?:[ ._]*(?:-|~|to|à|ao)[ ._]*E?(\\d{1,4}))?"
            + "(?:[ ._]*(?:из|iz|of)[ ._]*(\\d{1,4}))?" + NUM_END, I);
    private static final Rx NUMBER_EPISODE = Rx.compile("(?<![0-9])(\\d{1,4})(?:[ ._-]*[яй])?[ ._-]*(?:серия|серии|сер\\.?|seriya"
            + "|serija|serya|seria|serii|ser)(?![\\p{L}])", I);
    private static final Rx EPISODE_CODE = Rx.compile(B + "E[Pp]?(\\d{1,4})(?:v\\d)?(?:[ ._]*[-~][ ._]*E?(\\d{1,4}))?"
            + "(?:E(\\d{1,4}))?" + NUM_END, I);
    private static final Rx BRACKET_DOT = Rx.compile("\\[(\\d{1,2})\\.(\\d{2,3})\\]", 0);
    private static final Rx DASHED_DOT = Rx.compile("(?:^|(?<=[ ._]-[ ._]))(\\d{1,2})\\.(\\d{2})(?=[ ._]+-[ ._])", 0);
    private static final Rx UNDERSCORE_PAIR = Rx.compile("(?<![0-9])(\\d{2})_(\\d{2})" + NUM_END, 0);
    private static final Rx DOTTED_PAIR = Rx.compile("(?<=[.])(?<![0-9]\\.)(\\d{2})\\.(\\d{2})(?=(?:\\.[A-Za-z])?$)", 0);
    private static final Rx EDGE_PAIR_START = Rx.compile("^(\\d{1,2})-(\\d{2})(?=[. ][^0-9-])", 0);
    private static final Rx EDGE_PAIR_END = Rx.compile("(?<=[ ])(\\d{1,2})-(\\d{2})[ ]*$", 0);
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

    /** Where a mark began and the seasons and episodes it added; one scan's mutable state. */
    private static final class Marks {
        final SortedSet<Integer> seasons = new TreeSet<>();
        final SortedSet<Integer> episodes = new TreeSet<>();
        boolean complete;
        int start;
        final int titleStart;

        Marks(int length, int titleStart) {
            start = length;
            this.titleStart = titleStart;
        }

        void bound(int position) {
            if (position >= titleStart) {
                start = Math.min(start, position);
            }
        }
    }

    /** Loads this class, and so registers its patterns. */
    static void load() {
    }

    Found scan(String raw, WorkText text, int from, int titleStart, boolean isFile) {
        Marks marks = new Marks(text.length(), titleStart);
        complete(text, from, marks);
        seasonEpisode(text, from, marks);
        glued(text, from, marks);
        cross(text, from, marks);
        numberSeason(text, from, marks);
        seasonWords(text, from, marks);
        seasonCodes(raw, text, from, marks);
        boolean explicitEpisodes = !marks.episodes.isEmpty();
        episodeWords(text, from, marks, explicitEpisodes);
        if (marks.episodes.isEmpty()) {
            pairs(text, from, marks, EPISODE_CODE, false);
        }
        if (marks.episodes.isEmpty() && marks.seasons.isEmpty()) {
            numericPairs(text, from, marks);
        }
        if (marks.episodes.isEmpty()) {
            absolute(text, from, marks, isFile);
        }
        return new Found(List.copyOf(marks.seasons), List.copyOf(marks.episodes), marks.complete, marks.start);
    }

    private static void complete(WorkText text, int from, Marks marks) {
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

    private static void seasonEpisode(WorkText text, int from, Marks marks) {
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

    private static void glued(WorkText text, int from, Marks marks) {
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

    private static void cross(WorkText text, int from, Marks marks) {
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

    /** "Season 1", "Seasons 1-4", "Season 1, 2 & 3", "Temporada 2", "Сезон: 1-8", then an episode number after it. */
    private static void seasonWords(WorkText text, int from, Marks marks) {
        Rx.Finder f = SEASON_WORD.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            int end = numberList(text, m.start(1), m.end(), marks.seasons);
            marks.bound(m.start());
            text.blank(m.start(), end);
            end = episodeAfter(text, end, marks);
            f.skipTo(end);
        }
    }

    private static void numberSeason(WorkText text, int from, Marks marks) {
        Rx.Finder f = NUMBER_SEASON.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            if (m.group(1) != null) {
                add(marks.seasons, num(m.group(1)));
            } else {
                int a = num(m.group(2));
                addRange(marks.seasons, a, m.group(3) == null ? a : num(m.group(3)));
            }
            marks.bound(m.start());
            text.blank(m.start(), m.end());
            f.skipTo(episodeAfter(text, m.end(), marks));
        }
    }

    private static void seasonCodes(String raw, WorkText text, int from, Marks marks) {
        Rx.Finder f = SEASON_CODE.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            String code = m.group().substring(m.start(1) - 1 - m.start());
            int end = m.end();
            // "DD5.1-S56", "E-AC3-S78": a release group, not a season.
            if (m.start(1) >= 3 && raw.charAt(m.start(1) - 2) == '-'
                    && Character.isLetterOrDigit(raw.charAt(m.start(1) - 3))) {
                continue;
            }
            // "S4-24" and "[S2-07]": an unpadded season followed by a two-digit number is season and episode.
            java.util.regex.Matcher pair = SEASON_DASH_EPISODE.matcher(code);
            if (pair.matches()) {
                add(marks.seasons, num(pair.group(1)));
                add(marks.episodes, num(pair.group(2)));
            } else {
                end = numberList(text, m.start(1), end, marks.seasons);
            }
            marks.bound(m.start());
            text.blank(m.start(), end);
            end = episodeAfter(text, end, marks);
            f.skipTo(end);
        }
    }

    private static final Pattern SEASON_DASH_EPISODE = Pattern.compile("S(\\d)-(\\d{2})", Pattern.CASE_INSENSITIVE);

    /** An episode number right after a season mark ("S01.07", "Season 11 01", "S4 - 11"); returns the new end. */
    private static int episodeAfter(WorkText text, int end, Marks marks) {
        Matcher e = EPISODE_AFTER_SEASON.matcher(text);
        e.useTransparentBounds(true);
        e.region(end, text.length());
        if (e.lookingAt() && !looksLikeYear(e.group(1))) {
            int a = num(e.group(1));
            addRange(marks.episodes, a, e.group(2) == null ? a : num(e.group(2)));
            text.blank(e.start(), e.end());
            return e.end();
        }
        return end;
    }

    private static void episodeWords(WorkText text, int from, Marks marks, boolean explicitEpisodes) {
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

    private static void numericPairs(WorkText text, int from, Marks marks) {
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

    private static void absolute(WorkText text, int from, Marks marks, boolean isFile) {
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

    private static final java.util.Set<String> RESOLUTIONS = java.util.Set.of("480", "576", "720", "1080", "2160");

    private static boolean precededBy(WorkText text, int position, String word) {
        int end = position;
        while (end > 0 && !Character.isLetterOrDigit(text.charAt(end - 1))) {
            end--;
        }
        int start = end - word.length();
        return start >= 0 && text.subSequence(start, end).toString().equalsIgnoreCase(word);
    }

    /** Applies a one-number-or-range pattern (groups 1 and optional 2, optional extra 3). */
    private static void pairs(WorkText text, int from, Marks marks, Rx rx, boolean bound) {
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

    /**
     * Reads "1", "1-4", "1, 2 & 3", "20 21 22", "1:11", "1 to 6", "S01-S07", "S01 / S02" from {@code start};
     * a list stops at a number that does not grow, and a spaced " - 08" after a single season is left for the
     * episode ("Season 2 - 08"). Returns where the list ended.
     */
    private static int numberList(WorkText text, int start, int end, SortedSet<Integer> into) {
        int i = start;
        int previous = -1;
        boolean range = false;
        int consumed = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                int j = i;
                while (j < end && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                int value = num(text.subSequence(i, j).toString());
                boolean padded = text.charAt(i) == '0' && j - i > 1;
                String gap = text.subSequence(consumed, i).toString();
                if (previous >= 0 && (value <= previous || gap.equals(".") || gap.equals("_"))) {
                    break;
                }
                if (range && previous >= 0 && spacedDash(text, consumed, i) && (padded || value >= 10) && into.size() <= 1) {
                    break;
                }
                if (range) {
                    addRange(into, previous, value);
                } else {
                    add(into, value);
                }
                previous = value;
                range = false;
                i = j;
                while (i < end && "ªº°".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                consumed = i;
                continue;
            }
            if (c == '-' || c == '~' || c == ':' || (c == 't' || c == 'T') && i + 1 < end
                    && Character.toLowerCase(text.charAt(i + 1)) == 'o') {
                range = true;
            }
            i++;
        }
        return consumed;
    }

    private static boolean spacedDash(WorkText text, int from, int to) {
        String gap = text.subSequence(from, to).toString();
        return gap.contains(" - ") || gap.contains(" -  ");
    }

    private static int num(String digits) {
        return Integer.parseInt(digits.replace('O', '0').replace('o', '0'));
    }

    private static boolean looksLikeYear(String digits) {
        return digits.length() == 4 && (digits.startsWith("19") || digits.startsWith("20"));
    }

    private static void addRange(SortedSet<Integer> into, int from, int to) {
        if (to <= from || to - from > MAX_RANGE) {
            add(into, from);
            return;
        }
        for (int i = from; i <= to && into.size() < MAX_ITEMS; i++) {
            into.add(i);
        }
    }

    private static void add(SortedSet<Integer> into, int value) {
        if (into.size() < MAX_ITEMS) {
            into.add(value);
        }
    }
}
