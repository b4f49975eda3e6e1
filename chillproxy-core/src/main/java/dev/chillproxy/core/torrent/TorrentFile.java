package dev.chillproxy.core.torrent;

import java.util.Objects;

/**
 * One file inside a torrent, as an indexer, the local index or a debrid store reports it.
 *
 * @param index position in the torrent as the source numbers it, or -1 when unknown
 * @param path  path inside the torrent, "/" separated ("Show.S01/Show.S01E02.mkv")
 * @param size  bytes, or 0 when unknown
 */
public record TorrentFile(int index, String path, long size) {

    public TorrentFile {
        Objects.requireNonNull(path, "path");
        if (index < -1) {
            throw new IllegalArgumentException("index: below -1");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size: negative");
        }
    }

    /** The last path segment. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
