package dev.chillproxy.core.torz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.torrent.TorrentFile;

/**
 * Port: the debrid calls playback needs, for one store, made with the granted key. The adapter reports a
 * revoked (401) or throttled (429) pool key to the pool itself.
 */
public interface DebridGateway {

    /**
     * Adds the magnet (or the private torrent's .torrent, looked up server-side with {@code privateFinder} when that
     * is not "") and returns the store's torrent id.
     */
    String add(StoreName store, Access.Granted access, String hash, Optional<String> privateFinder, String clientIp) throws PlaybackFailure;

    MagnetState state(StoreName store, Access.Granted access, String magnetId) throws PlaybackFailure;

    /** The direct CDN URL for one file; never an URL that carries the key. */
    String link(StoreName store, Access.Granted access, String linkHandle, String clientIp) throws PlaybackFailure;

    /** Where the torrent is: ready to link, still on its way, or dead. */
    record MagnetState(Progress progress, List<PlayableFile> files) {
        public MagnetState {
            Objects.requireNonNull(progress, "progress");
            files = List.copyOf(files);
        }
    }

    enum Progress { READY, PENDING, FAILED }

    /** A file of the torrent plus the opaque handle the store needs to link it. */
    record PlayableFile(TorrentFile file, String linkHandle) {
    }

    /** A store call failed; {@code video} says which error video the user sees. */
    final class PlaybackFailure extends Exception {
        private final ErrorVideo video;

        public PlaybackFailure(ErrorVideo video, String message) {
            super(message);
            this.video = video;
        }

        public ErrorVideo video() {
            return video;
        }
    }
}
