package dev.chillproxy.core.files;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chillproxy.core.title.ParsedTitle;
import dev.chillproxy.core.title.TitleParser;
import dev.chillproxy.core.torrent.TorrentFile;

/**
 * Decides whether one torrent file is a given episode. The file name is parsed first; a season missing from
 * it is taken from the nearest folder that names exactly one season ("Season 2/05.mkv"), and an episode
 * missing from it from a leading number ("05 - Pilot.mkv"). Thread-safe when the parser is.
 */
final class EpisodeLocator {

    private static final Pattern LEADING_NUMBER = Pattern.compile("^(?:E|Ep|Episode)?[ ._-]?(\\d{1,3})(?![0-9]|p\\b)",
            Pattern.CASE_INSENSITIVE);

    private final TitleParser parser;

    EpisodeLocator(TitleParser parser) {
        this.parser = parser;
    }

    /**
     * Whether the file is the episode. Without a requested season (anime ids) the episode number decides;
     * a file with an episode but no season anywhere in its path counts as season 1 (absolute numbering).
     */
    boolean isEpisode(TorrentFile file, Integer season, int episode) {
        ParsedTitle name = parser.parse(file.name());
        List<Integer> episodes = name.episodes().isEmpty() ? leadingNumber(file.name()) : name.episodes();
        if (!episodes.contains(episode)) {
            return false;
        }
        if (season == null) {
            return true;
        }
        List<Integer> seasons = name.seasons().isEmpty() ? folderSeason(file.path()) : name.seasons();
        return seasons.isEmpty() ? season == 1 : seasons.contains(season);
    }

    /**
     * The episode of a later season in an anime pack numbered absolutely ("Show - 26.mkv" … "Show - 50.mkv" for
     * season 2): files without a season of their own (a folder may name the requested one) and one episode
     * number each, numbered from above 1; the n-th number of the run is episode n. Empty whenever that reading
     * is not clear-cut (season 1, a pack starting at 1, a repeated number, a file naming another season).
     */
    Optional<TorrentFile> byPosition(List<TorrentFile> files, int season, int episode) {
        if (season < 2 || episode < 1) {
            return Optional.empty();
        }
        TreeMap<Integer, TorrentFile> numbered = new TreeMap<>();
        for (TorrentFile file : files) {
            ParsedTitle name = parser.parse(file.name());
            List<Integer> folder = folderSeason(file.path());
            if (!name.seasons().isEmpty() || !folder.isEmpty() && !folder.contains(season)) {
                return Optional.empty();
            }
            if (name.episodes().size() != 1) {
                continue;
            }
            if (numbered.put(name.episodes().get(0), file) != null) {
                return Optional.empty();
            }
        }
        if (numbered.size() < 2 || numbered.firstKey() <= 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(numbered.get(numbered.firstKey() + episode - 1));
    }

    private List<Integer> folderSeason(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            List<Integer> seasons = parser.parse(parts[i]).seasons();
            if (seasons.size() == 1) {
                return seasons;
            }
            if (!seasons.isEmpty()) {
                return List.of();
            }
        }
        return List.of();
    }

    private static List<Integer> leadingNumber(String fileName) {
        Matcher m = LEADING_NUMBER.matcher(fileName);
        return m.find() ? List.of(Integer.parseInt(m.group(1))) : List.of();
    }
}
