package dev.chillproxy.core.files;

import java.util.Objects;

/**
 * What the player asked for, as far as choosing a file goes.
 *
 * @param season     requested season, or null (movies; anime ids that carry only an episode)
 * @param episode    requested episode, or null for movies
 * @param movie      the id is a movie: the largest video may be played
 * @param fileName   file name from the stream link, "" when none (null is read as "")
 * @param fileIdx    file index from the stream link, -1 when unknown
 * @param trustIndex whether this store numbers files the way the index was computed (StremThru: Real-Debrid only)
 * @param knownPath  a path recorded earlier as playing this id, "" when none (null is read as "")
 */
public record FileRequest(Integer season, Integer episode, boolean movie, String fileName, int fileIdx,
        boolean trustIndex, String knownPath) {

    public FileRequest {
        if (season != null && season < 0) {
            throw new IllegalArgumentException("season: negative");
        }
        if (episode != null && episode < 0) {
            throw new IllegalArgumentException("episode: negative");
        }
        if (fileIdx < -1) {
            throw new IllegalArgumentException("fileIdx: below -1");
        }
        fileName = Objects.requireNonNullElse(fileName, "");
        knownPath = Objects.requireNonNullElse(knownPath, "");
    }

    /** A movie request with no hints. */
    public static FileRequest forMovie() {
        return new FileRequest(null, null, true, "", -1, false, "");
    }

    /** A series episode request with no hints. */
    public static FileRequest forEpisode(Integer season, int episode) {
        return new FileRequest(season, episode, false, "", -1, false, "");
    }

    /** Whether a specific episode is requested (then the largest file is never a fallback). */
    public boolean wantsEpisode() {
        return !movie && episode != null;
    }
}
