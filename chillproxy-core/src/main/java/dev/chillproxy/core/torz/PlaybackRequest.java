package dev.chillproxy.core.torz;

import java.util.Objects;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.stremio.StremioId;

/**
 * A parsed playback link.
 *
 * @param torrentUrl the private torrent's .torrent link from the hash segment, "" when none
 * @param fileIdx    -1 when unknown
 * @param fileName   "" when absent
 */
public record PlaybackRequest(StoreConfig store, StremioId id, String hash, String torrentUrl, int fileIdx, String fileName) {

    public PlaybackRequest {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
        torrentUrl = Objects.requireNonNullElse(torrentUrl, "");
        fileName = Objects.requireNonNullElse(fileName, "");
    }
}
