package dev.chillproxy.store.torznab;

import dev.chillproxy.core.torrent.TorrentFile;
import java.util.List;
import java.util.Objects;

/**
 * One search result, normalised.
 *
 * @param infoHash       40-char lower-case hex
 * @param magnet         the feed's magnet, or one built from the hash
 * @param torrentUrl     the {@code .torrent} enclosure, or empty
 * @param size           bytes, or -1 when unknown
 * @param seeders        -1 when unknown
 * @param peers          -1 when unknown
 * @param privateTracker from {@code minimumratio}/{@code minimumseedtime}, Prowlarr's type or the torrent's flag
 * @param files          only known when the {@code .torrent} was fetched; otherwise empty
 */
public record TorznabItem(String indexer, String title, String infoHash, String magnet, String torrentUrl, long size,
                          int seeders, int peers, boolean privateTracker, List<TorrentFile> files) {

    public TorznabItem {
        Objects.requireNonNull(indexer, "indexer");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(infoHash, "infoHash");
        magnet = magnet == null ? "" : magnet;
        torrentUrl = torrentUrl == null ? "" : torrentUrl;
        files = files == null ? List.of() : List.copyOf(files);
    }
}
