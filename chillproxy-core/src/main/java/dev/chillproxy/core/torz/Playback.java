package dev.chillproxy.core.torz;

import java.util.Objects;

/** The outcome of a playback request: where to redirect the player. */
public sealed interface Playback {

    /**
     * Play this CDN link.
     *
     * @param cached whether the torrent was ready on the first look (for usage analytics)
     * @param bytes  the file's size, 0 when unknown
     */
    record Redirect(String url, Access.Granted access, boolean cached, long bytes) implements Playback {
        public Redirect {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * Show an error video; {@code access} is null when access itself was refused, and {@code refusal} then says
     * why (null otherwise).
     */
    record Failed(ErrorVideo video, String reason, Access.Granted access, Access.Refusal refusal) implements Playback {
        public Failed {
            Objects.requireNonNull(video, "video");
            Objects.requireNonNull(reason, "reason");
        }

        /** A failure after access was granted. */
        public Failed(ErrorVideo video, String reason, Access.Granted access) {
            this(video, reason, access, null);
        }
    }
}
