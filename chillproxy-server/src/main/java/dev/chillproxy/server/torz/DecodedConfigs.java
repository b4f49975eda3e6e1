package dev.chillproxy.server.torz;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.ConfigException;
import dev.chillproxy.core.config.TorzConfig;

/**
 * The config segment of a URL, decoded once: a player sends the same segment with every request, and decoding it
 * (base64, JSON, validation) then encoding it back to its canonical form cost more than the rest of a cached
 * answer. Only valid configs are kept; a bad one is decoded (and refused) each time. Bounded by the characters
 * kept ({@link #MAX_CHARS}, ≈ 8 MB), whatever the segments' length. Thread-safe.
 */
public final class DecodedConfigs {

    static final long MAX_CHARS = 4_000_000;

    /** A valid config and its canonical encoding (the form our links and caches use). */
    public record Decoded(TorzConfig config, String canonical) {
    }

    private final Cache<String, Decoded> decoded = Caffeine.newBuilder().maximumWeight(MAX_CHARS)
            .weigher((String cfg, Decoded known) -> 64 + cfg.length() + known.canonical().length())
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public Decoded decode(String cfg) throws ConfigException {
        Decoded known = decoded.getIfPresent(cfg);
        if (known != null) {
            return known;
        }
        TorzConfig config = ConfigCodec.decode(cfg);
        Decoded fresh = new Decoded(config, ConfigCodec.encode(config));
        decoded.put(cfg, fresh);
        return fresh;
    }
}
