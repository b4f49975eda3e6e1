package dev.chillproxy.core.files;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import dev.chillproxy.core.title.TitleParser;
import dev.chillproxy.core.torrent.TorrentFile;

/**
 * Chooses the file of a torrent to play for a Stremio request, in StremThru's order: a known mapping, the
 * requested season/episode parsed from file names, the exact file name, the file index (only where the
 * store's numbering is trusted), then the largest video for movies or the only video. An episode request
 * on a torrent with several videos never falls back to the largest file: a wrong episode is worse than
 * an error. Stateless and thread-safe.
 */
public final class FileSelector {

    private static final Comparator<TorrentFile> BY_SIZE = Comparator.comparingLong(TorrentFile::size);

    private final EpisodeLocator episodes;

    public FileSelector(TitleParser parser) {
        this.episodes = new EpisodeLocator(Objects.requireNonNull(parser, "parser"));
    }

    public FileChoice choose(FileRequest request, List<TorrentFile> files) {
        Objects.requireNonNull(request, "request");
        List<TorrentFile> videos = files == null ? List.of()
                : files.stream().filter(f -> f != null && VideoFiles.isVideo(f.path())).toList();
        if (videos.isEmpty()) {
            return new FileChoice.NoMatch("no video file in the torrent");
        }
        List<TorrentFile> playable = videos.stream().filter(f -> !VideoFiles.isExtra(f.path())).toList();
        if (playable.isEmpty()) {
            playable = videos;
        }
        if (!request.knownPath().isEmpty()) {
            Optional<TorrentFile> known = first(videos, f -> f.path().equals(request.knownPath()));
            if (known.isPresent()) {
                return new FileChoice.Chosen(known.get(), MatchedBy.KNOWN);
            }
        }
        if (request.wantsEpisode()) {
            Optional<TorrentFile> episode = playable.stream()
                    .filter(f -> episodes.isEpisode(f, request.season(), request.episode())).max(BY_SIZE);
            if (episode.isPresent()) {
                return new FileChoice.Chosen(episode.get(), MatchedBy.EPISODE);
            }
            if (request.season() != null) {
                Optional<TorrentFile> counted = episodes.byPosition(playable, request.season(), request.episode());
                if (counted.isPresent()) {
                    return new FileChoice.Chosen(counted.get(), MatchedBy.EPISODE);
                }
            }
        }
        if (!request.fileName().isEmpty()) {
            Optional<TorrentFile> named = first(videos,
                    f -> f.name().equals(request.fileName()) || f.path().equals(request.fileName()));
            if (named.isPresent()) {
                return new FileChoice.Chosen(named.get(), MatchedBy.NAME);
            }
        }
        if (request.trustIndex() && request.fileIdx() >= 0) {
            Optional<TorrentFile> indexed = first(videos, f -> f.index() == request.fileIdx());
            if (indexed.isPresent()) {
                return new FileChoice.Chosen(indexed.get(), MatchedBy.INDEX);
            }
        }
        if (playable.size() == 1) {
            return new FileChoice.Chosen(playable.get(0), MatchedBy.SINGLE_VIDEO);
        }
        if (request.movie()) {
            return new FileChoice.Chosen(playable.stream().max(BY_SIZE).orElseThrow(), MatchedBy.LARGEST);
        }
        return new FileChoice.NoMatch(describe(request) + " is not among the " + videos.size()
                + " videos of this torrent");
    }

    private static Optional<TorrentFile> first(List<TorrentFile> files, Predicate<TorrentFile> test) {
        return files.stream().filter(test).findFirst();
    }

    private static String describe(FileRequest request) {
        if (request.episode() == null) {
            return "the requested file";
        }
        return request.season() == null ? "episode " + request.episode()
                : String.format("S%02dE%02d", request.season(), request.episode());
    }
}
