package dev.chillproxy.core.torz;

import java.util.Objects;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.stremio.StremioId;

/**
 * A parsed playback link.
 *
 * @param privateFinder "" unless the link asks for a private torrent's {@code .torrent} upload; then an opaque,
 *                      server-side reference to whoever may have found it (the server looks the {@code .torrent}
 *                      link up with it and the hash; a link never carries a torrent URL)
 * @param fileIdx    -1 when unknown
 * @param fileName   "" when absent
 */
public record PlaybackRequest(StoreConfig store, StremioId id, String hash, String privateFinder, int fileIdx, String fileName) {

    public PlaybackRequest {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
        privateFinder = Objects.requireNonNullElse(privateFinder, "");
        fileName = Objects.requireNonNullElse(fileName, "");
    }
}
