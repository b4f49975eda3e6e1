package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.server.torz.index.TorrentIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where playback finds a private torrent's {@code .torrent} link: first among those the user's own indexers found
 * (in memory only, per {@link SearchScope#finder()}, for {@link #KEPT_FOR}: they carry the user's indexer key and are
 * never stored nor shared), then among the operator's, sealed in the index. Thread-safe.
 */
public final class PrivateTorrentLinks implements PrivateTorrentUrls {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateTorrentLinks.class);
    /** Long enough to play from a stream list left open for an evening; the list asks again after that. */
    static final Duration KEPT_FOR = Duration.ofHours(6);

    private final TorrentIndex index;
    private final Cache<String, String> found;

    public PrivateTorrentLinks(TorrentIndex index, Ticker ticker) {
        this.index = index;
        this.found = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(KEPT_FOR).maximumSize(100_000).build();
    }

    /** A private torrent the indexers of {@code finder} found, with its link. */
    public void remember(String finder, String hash, String torrentUrl) {
        if (!torrentUrl.isEmpty()) {
            found.put(finder + "|" + hash, torrentUrl);
        }
    }

    @Override
    public Optional<String> find(String finder, String hash) {
        String own = found.getIfPresent(finder + "|" + hash);
        if (own != null) {
            return Optional.of(own);
        }
        try {
            return index.privateTorrentUrl(hash);
        } catch (RuntimeException e) {
            LOG.warn("local index unavailable for a private torrent: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
