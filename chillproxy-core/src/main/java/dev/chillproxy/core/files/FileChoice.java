package dev.chillproxy.core.files;

import java.util.Objects;

import dev.chillproxy.core.torrent.TorrentFile;

/** The outcome of choosing the file to play: a file and the rule that chose it, or why none fits. */
public sealed interface FileChoice permits FileChoice.Chosen, FileChoice.NoMatch {

    /** A file to play. */
    record Chosen(TorrentFile file, MatchedBy by) implements FileChoice {
        public Chosen {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(by, "by");
        }
    }

    /** No file may be played for the request; the reason is fit for a log line or an error video. */
    record NoMatch(String reason) implements FileChoice {
        public NoMatch {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
