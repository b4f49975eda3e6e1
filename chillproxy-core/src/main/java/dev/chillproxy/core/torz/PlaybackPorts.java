package dev.chillproxy.core.torz;

import java.util.Optional;

import dev.chillproxy.core.torrent.TorrentFile;

/** Small ports playback uses besides the store: the resolved-link cache and the local index's file tags. */
public final class PlaybackPorts {

    private PlaybackPorts() {
    }

    /** Resolved CDN links, per store, key id, torrent and file (the adapter expires them before the CDN does). */
    public interface LinkCache {
        Optional<ResolvedLink> get(String key);

        void put(String key, ResolvedLink link);
    }

    /** A CDN link and the size of the file behind it, so a cache hit still reports the bytes served. */
    public record ResolvedLink(String url, long bytes) {
    }

    /** Which file played for which Stremio id: read before choosing, written after a confident choice. */
    public interface FileTags {
        Optional<String> knownPath(String hash, String stremioId);

        void tag(String hash, String stremioId, TorrentFile file);
    }
}
