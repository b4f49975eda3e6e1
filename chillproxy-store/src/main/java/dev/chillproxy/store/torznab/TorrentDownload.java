package dev.chillproxy.store.torznab;

import java.util.Objects;

/**
 * What downloading a {@code .torrent} link gave: the file, a magnet the link redirected to, or why neither. Reasons
 * never quote the link (its query and path may carry an indexer's api key or a tracker passkey).
 */
public sealed interface TorrentDownload {

    /** The {@code .torrent} file (at most {@link TorrentFetcher#MAX_BYTES}) and what it describes. */
    record Fetched(byte[] torrent, TorrentMetainfo metainfo) implements TorrentDownload {

        public Fetched {
            torrent = torrent.clone();
            Objects.requireNonNull(metainfo, "metainfo");
        }

        @Override
        public byte[] torrent() {
            return torrent.clone();
        }

        public String hash() {
            return metainfo.infoHash();
        }
    }

    /** The link redirected to a magnet; {@code hash} is its 40-hex info hash. */
    record MagnetRedirect(String magnet, String hash) implements TorrentDownload {

        public MagnetRedirect {
            Objects.requireNonNull(magnet, "magnet");
            Objects.requireNonNull(hash, "hash");
        }
    }

    record Failed(String reason) implements TorrentDownload {

        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
