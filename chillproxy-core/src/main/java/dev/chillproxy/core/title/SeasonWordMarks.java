package dev.chillproxy.core.title;

import static dev.chillproxy.core.title.EpisodeNumbers.add;
import static dev.chillproxy.core.title.EpisodeNumbers.addRange;
import static dev.chillproxy.core.title.EpisodeNumbers.looksLikeYear;
import static dev.chillproxy.core.title.EpisodeNumbers.num;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Season marks on their own ("Season 1-4", "2nd Season", "Temporada 2", "S01-S07") and the episode number
 * that may follow one ("Season 11 01", "S4 - 11"); separate from {@link SeasonEpisodeMarks} because a season
 * can come as a list or range that {@link EpisodeNumbers#numberList} reads.
 */
final class SeasonWordMarks {

    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final String B = "(?<![A-Za-z0-9])";

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
    private static final Pattern SEASON_DASH_EPISODE = Pattern.compile("S(\\d)-(\\d{2})", Pattern.CASE_INSENSITIVE);

    private SeasonWordMarks() {
    }

    /** Loads this class, and so registers its patterns with {@link Rx}. */
    static void load() {
    }

    /** "Season 1", "Seasons 1-4", "Season 1, 2 & 3", "Temporada 2", "Сезон: 1-8", then an episode number after it. */
    static void seasonWords(WorkText text, int from, EpisodeMarks marks) {
        Rx.Finder f = SEASON_WORD.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            int end = EpisodeNumbers.numberList(text, m.start(1), m.end(), marks.seasons);
            marks.bound(m.start());
            text.blank(m.start(), end);
            end = episodeAfter(text, end, marks);
            f.skipTo(end);
        }
    }

    static void numberSeason(WorkText text, int from, EpisodeMarks marks) {
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

    static void seasonCodes(String raw, WorkText text, int from, EpisodeMarks marks) {
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
            Matcher pair = SEASON_DASH_EPISODE.matcher(code);
            if (pair.matches()) {
                add(marks.seasons, num(pair.group(1)));
                add(marks.episodes, num(pair.group(2)));
            } else {
                end = EpisodeNumbers.numberList(text, m.start(1), end, marks.seasons);
            }
            marks.bound(m.start());
            text.blank(m.start(), end);
            end = episodeAfter(text, end, marks);
            f.skipTo(end);
        }
    }

    /** An episode number right after a season mark ("S01.07", "Season 11 01", "S4 - 11"); returns the new end. */
    private static int episodeAfter(WorkText text, int end, EpisodeMarks marks) {
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
}
