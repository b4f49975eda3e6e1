package dev.chillproxy.core.title;

import java.util.List;

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

    /** Loads the mark classes in a fixed order, and so registers their patterns with {@link Rx}. */
    static void load() {
        SeasonEpisodeMarks.load();
        SeasonWordMarks.load();
        EpisodeWordMarks.load();
        NumericPairMarks.load();
        AbsoluteEpisodeMarks.load();
    }

    Found scan(String raw, WorkText text, int from, int titleStart, boolean isFile) {
        EpisodeMarks marks = new EpisodeMarks(text.length(), titleStart);
        SeasonEpisodeMarks.complete(text, from, marks);
        SeasonEpisodeMarks.seasonEpisode(text, from, marks);
        SeasonEpisodeMarks.glued(text, from, marks);
        SeasonEpisodeMarks.cross(text, from, marks);
        SeasonWordMarks.numberSeason(text, from, marks);
        SeasonWordMarks.seasonWords(text, from, marks);
        SeasonWordMarks.seasonCodes(raw, text, from, marks);
        boolean explicitEpisodes = !marks.episodes.isEmpty();
        EpisodeWordMarks.episodeWords(text, from, marks, explicitEpisodes);
        if (marks.episodes.isEmpty()) {
            EpisodeWordMarks.episodeCodes(text, from, marks);
        }
        if (marks.episodes.isEmpty() && marks.seasons.isEmpty()) {
            NumericPairMarks.numericPairs(text, from, marks);
        }
        if (marks.episodes.isEmpty()) {
            AbsoluteEpisodeMarks.absolute(text, from, marks, isFile);
        }
        return new Found(List.copyOf(marks.seasons), List.copyOf(marks.episodes), marks.complete, marks.start);
    }
}
