package dev.chillproxy.server.torz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.core.title.ParsedTitle;
import dev.chillproxy.core.title.TitleParser;

/**
 * Release names parsed once: the same torrents come back request after request, and parsing costs far more
 * than a cache lookup on the warm stream-list path. Thread-safe.
 */
public final class ParsedTitles {

    private final TitleParser parser;
    private final Cache<String, ParsedTitle> parsed = Caffeine.newBuilder().maximumSize(100_000).recordStats().build();

    public ParsedTitles(TitleParser parser) {
        this.parser = parser;
    }

    public ParsedTitle of(String name) {
        return parsed.get(name, parser::parse);
    }

    /** For the cache hit-ratio metric. */
    public Cache<?, ?> statistics() {
        return parsed;
    }

    public TitleParser parser() {
        return parser;
    }
}
