package dev.chillproxy.core.stremio;

import java.util.Locale;
import java.util.Optional;

/** The Stremio content types torz answers for. */
public enum ContentType {
    MOVIE,
    SERIES,
    ANIME;

    /** The wire name: {@code movie}, {@code series}, {@code anime}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named by a request path segment (case-insensitive), or empty for any other type. */
    public static Optional<ContentType> of(String type) {
        if (type != null) {
            for (ContentType candidate : values()) {
                if (candidate.id().equalsIgnoreCase(type.strip())) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
