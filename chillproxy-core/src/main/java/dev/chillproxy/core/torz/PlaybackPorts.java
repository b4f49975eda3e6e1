package dev.chillproxy.core.torz;

import java.util.Optional;

import dev.chillproxy.core.torrent.TorrentFile;

/** Small ports playback uses besides the store: the resolved-link cache and the local index's file tags. */
public final class PlaybackPorts {

    private PlaybackPorts() {
    }

    /** Resolved CDN links, per key id, torrent and file (the adapter expires them before the CDN does). */
    public interface LinkCache {
        Optional<String> get(String key);

        void put(String key, String url);
    }

    /** Which file played for which Stremio id: read before choosing, written after a confident choice. */
    public interface FileTags {
        Optional<String> knownPath(String hash, String stremioId);

        void tag(String hash, String stremioId, TorrentFile file);
    }
}
