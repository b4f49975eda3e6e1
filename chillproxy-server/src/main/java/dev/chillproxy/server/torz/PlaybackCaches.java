package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.core.torrent.TorrentFile;
import dev.chillproxy.core.torz.PlaybackPorts;
import dev.chillproxy.server.torz.index.TorrentIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Playback's small ports: resolved links in memory (50 min, before the CDN's expire) and file tags in the index. */
public final class PlaybackCaches {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybackCaches.class);
    static final Duration LINK_TTL = Duration.ofMinutes(50);

    private PlaybackCaches() {
    }

    /** Resolved links per store, key id, torrent and file; stats on for the hit-ratio metric. */
    public static Cache<String, PlaybackPorts.ResolvedLink> linkCache() {
        return Caffeine.newBuilder().expireAfterWrite(LINK_TTL).maximumSize(50_000).recordStats().build();
    }

    public static PlaybackPorts.LinkCache links(Cache<String, PlaybackPorts.ResolvedLink> links) {
        return new PlaybackPorts.LinkCache() {
            @Override
            public Optional<PlaybackPorts.ResolvedLink> get(String key) {
                return Optional.ofNullable(links.getIfPresent(key));
            }

            @Override
            public void put(String key, PlaybackPorts.ResolvedLink link) {
                links.put(key, link);
            }
        };
    }

    public static PlaybackPorts.FileTags tags(TorrentIndex index) {
        return new PlaybackPorts.FileTags() {
            @Override
            public Optional<String> knownPath(String hash, String stremioId) {
                try {
                    return index.taggedPath(hash, stremioId);
                } catch (RuntimeException e) {
                    return Optional.empty(); // the index is a hint; playback goes on without it
                }
            }

            @Override
            public void tag(String hash, String stremioId, TorrentFile file) {
                try {
                    index.tag(hash, stremioId, file);
                } catch (RuntimeException e) {
                    LOG.warn("could not record the played file: {}", e.getClass().getSimpleName());
                }
            }
        };
    }
}
