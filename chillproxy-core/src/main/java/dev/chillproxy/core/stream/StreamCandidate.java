package dev.chillproxy.core.stream;

import java.util.Objects;

import dev.chillproxy.core.title.ParsedTitle;
import dev.chillproxy.core.torrent.TorrentFile;

/**
 * One torrent that may answer a stream request, before a store is assigned: what the sort, the filter
 * and the template work on.
 *
 * @param hash        info hash, 40 lower-case hex characters
 * @param torrentName the release name as the indexer or local index gave it
 * @param parsed      what the name says (parsed from the file name when one is known, else the torrent name)
 * @param size        torrent size in bytes, 0 when unknown
 * @param seeders     seeders, -1 when unknown
 * @param indexer     indexer display name, "" when the candidate came from the local index
 * @param isPrivate   from a private tracker
 * @param torrentUrl  the indexer's .torrent link for private torrents, "" when none
 * @param file        the file that plays for the requested id, or null when the torrent's files are unknown
 */
public record StreamCandidate(
        String hash,
        String torrentName,
        ParsedTitle parsed,
        long size,
        int seeders,
        String indexer,
        boolean isPrivate,
        String torrentUrl,
        TorrentFile file) {

    public StreamCandidate {
        Objects.requireNonNull(hash, "hash");
        torrentName = Objects.requireNonNullElse(torrentName, "");
        parsed = Objects.requireNonNullElseGet(parsed, () -> ParsedTitle.unknown(""));
        indexer = Objects.requireNonNullElse(indexer, "");
        torrentUrl = Objects.requireNonNullElse(torrentUrl, "");
    }

    /** The size the user cares about: the playing file's when known, else the torrent's. */
    public long effectiveSize() {
        return file != null && file.size() > 0 ? file.size() : size;
    }
}
