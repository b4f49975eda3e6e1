package dev.chillproxy.server.torz.index;

import java.util.List;
import java.util.Objects;

import dev.chillproxy.core.torrent.TorrentFile;

/**
 * A torrent as the local index knows it.
 *
 * @param files      its files when known (from a .torrent or a playback), else empty
 * @param taggedPath the file that played for the requested id, or null
 */
public record IndexedTorrent(String hash, String name, long size, int seeders, String indexer, boolean isPrivate,
                             String torrentUrl, List<TorrentFile> files, String taggedPath) {

    public IndexedTorrent {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(name, "name");
        indexer = Objects.requireNonNullElse(indexer, "");
        torrentUrl = Objects.requireNonNullElse(torrentUrl, "");
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
    }

    public IndexedTorrent withFiles(List<TorrentFile> knownFiles, String tagged) {
        return new IndexedTorrent(hash, name, size, seeders, indexer, isPrivate, torrentUrl, knownFiles, tagged);
    }
}
