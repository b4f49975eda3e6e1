package dev.chillproxy.core.files;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which torrent files are videos, and which videos are extras (samples, trailers) that must not be
 * played for a title. Judged by name only, because debrid stores often report sizes of 0.
 * Stateless and thread-safe.
 */
public final class VideoFiles {

    private static final Set<String> EXTENSIONS = Set.of(
            "3g2", "3gp", "amv", "asf", "avi", "divx", "dv", "evo", "f4v", "flv", "m2t", "m2ts", "m2v", "m4p",
            "m4v", "mk3d", "mkv", "mov", "mp2", "mp4", "mpe", "mpeg", "mpg", "mpv", "mts", "mxf", "nsv", "ogm",
            "ogv", "qt", "rm", "rmvb", "roq", "svi", "ts", "viv", "vob", "webm", "wmv", "xvid");
    /** "sample"/"trailer" as a word anywhere in the path: "Sample/x.mkv", "x-sample.mkv", "x.trailer.mp4". */
    private static final Pattern EXTRA = Pattern.compile("(?<![a-z0-9])(?:samples?|trailers?)(?![a-z0-9])");

    private VideoFiles() {
    }

    /** Whether the path ends in one of about 40 video extensions (case-insensitive). */
    public static boolean isVideo(String path) {
        if (path == null) {
            return false;
        }
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        return dot > slash && dot < path.length() - 1
                && EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a video is a sample or a trailer by its path. A film actually called "Sample..." is caught
     * too; {@link FileSelector} therefore falls back to all videos when every video looks like an extra.
     */
    public static boolean isExtra(String path) {
        return path != null && EXTRA.matcher(path.toLowerCase(Locale.ROOT)).find();
    }
}
