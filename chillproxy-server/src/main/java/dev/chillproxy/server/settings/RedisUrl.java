package dev.chillproxy.server.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Redis that shares limits between instances listens ({@code REDIS_URL}): {@code redis://} or
 * {@code rediss://} (TLS), a host, an optional port, password ({@code redis://:secret@host}) and database index
 * ({@code /0}). {@link #toString()} leaves out the user and password.
 */
public record RedisUrl(URI uri) {

    public RedisUrl {
        Objects.requireNonNull(uri, "uri");
        if (!valid(uri)) {
            throw new IllegalArgumentException("not a redis:// URL with a host");
        }
    }

    /** Empty when {@code raw} is no {@code redis://} or {@code rediss://} URL with a host and at most a number as path. */
    public static Optional<RedisUrl> parse(String raw) {
        try {
            URI uri = new URI(raw);
            return valid(uri) ? Optional.of(new RedisUrl(uri)) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean valid(URI uri) {
        boolean scheme = "redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme());
        String path = Objects.requireNonNullElse(uri.getPath(), "");
        boolean database = path.isEmpty() || path.equals("/") || path.matches("/\\d{1,2}");
        return scheme && uri.getHost() != null && database && uri.getQuery() == null && uri.getFragment() == null;
    }

    @Override
    public String toString() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + Objects.requireNonNullElse(uri.getPath(), "");
    }
}
