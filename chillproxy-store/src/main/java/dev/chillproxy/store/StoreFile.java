package dev.chillproxy.store;

import dev.chillproxy.core.torrent.TorrentFile;
import java.util.Objects;

/**
 * One file of a magnet as a store reports it.
 *
 * @param index      the store's file position (TorBox file id, RD file id − 1, flattened order elsewhere), or -1
 * @param path       "/"-separated path including the torrent's root folder, without a leading slash
 * @param name       the last path segment
 * @param size       bytes, or -1 when unknown
 * @param linkHandle what {@link Store#generateLink} needs for this file, or null when not linkable yet
 */
public record StoreFile(int index, String path, String name, long size, String linkHandle) {

    public StoreFile {
        Objects.requireNonNull(path, "path");
        if (index < -1) {
            throw new IllegalArgumentException("index: below -1");
        }
        if (size < -1) {
            throw new IllegalArgumentException("size: below -1");
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (name == null || name.isEmpty()) {
            int slash = path.lastIndexOf('/');
            name = slash < 0 ? path : path.substring(slash + 1);
        }
    }

    /** Builds a file from a path alone, deriving the name. */
    public static StoreFile of(int index, String path, long size, String linkHandle) {
        return new StoreFile(index, path, null, size, linkHandle);
    }

    /** The core view of this file, for video-file selection. */
    public TorrentFile toTorrentFile() {
        return new TorrentFile(index, path, Math.max(size, 0));
    }
}
