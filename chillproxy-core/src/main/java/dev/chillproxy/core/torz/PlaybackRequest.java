package dev.chillproxy.core.torz;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.torrent.InfoHash;

/**
 * A parsed playback link.
 *
 * @param privateFinder present when the link asks for a private torrent's {@code .torrent} upload: an opaque,
 *                      server-side reference to whoever may have found it (the server looks the {@code .torrent}
 *                      link up with it and the hash; a link never carries a torrent URL)
 * @param fileIdx       the file's index in the torrent, when the link knows it (never negative)
 * @param fileName      the file's name, when the link carries one (never empty)
 */
public record PlaybackRequest(StoreConfig store, StremioId id, InfoHash hash, Optional<String> privateFinder,
                              OptionalInt fileIdx, Optional<String> fileName) {

    public PlaybackRequest {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
        privateFinder = Objects.requireNonNull(privateFinder, "privateFinder").filter(finder -> !finder.isEmpty());
        Objects.requireNonNull(fileIdx, "fileIdx");
        if (fileIdx.isPresent() && fileIdx.getAsInt() < 0) {
            throw new IllegalArgumentException("fileIdx: negative");
        }
        fileName = Objects.requireNonNull(fileName, "fileName").filter(name -> !name.isEmpty());
    }
}
