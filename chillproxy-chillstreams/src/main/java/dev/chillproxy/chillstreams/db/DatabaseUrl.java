package dev.chillproxy.chillstreams.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database lives, parsed from {@code DATABASE_URL}: {@code postgres://user:pass@host:port/db},
 * {@code postgresql://…}, or {@code sqlite:<path>}. Neither the password nor the query appears in {@link #toString()}.
 */
public record DatabaseUrl(Engine engine, String jdbcUrl, String user, String password) {

    /** The embedded default when {@code DATABASE_URL} is unset. */
    public static final String DEFAULT = "sqlite:./data/chillproxy.db";

    public DatabaseUrl {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** @throws IllegalArgumentException naming what is wrong, never echoing the password */
    public static DatabaseUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL: empty");
        }
        String value = raw.trim();
        if (value.startsWith("sqlite:")) {
            String path = value.substring("sqlite:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            if (path.isBlank()) {
                throw new IllegalArgumentException("DATABASE_URL: sqlite: needs a file path");
            }
            return new DatabaseUrl(Engine.SQLITE, "jdbc:sqlite:" + path, null, null);
        }
        if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
            return parsePostgres(value);
        }
        throw new IllegalArgumentException("DATABASE_URL: expected postgres://user:pass@host:port/db or sqlite:<path>");
    }

    private static DatabaseUrl parsePostgres(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL: not a valid postgres URL");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() <= 1) {
            throw new IllegalArgumentException("DATABASE_URL: postgres URL needs a host and a database name");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
        return new DatabaseUrl(Engine.POSTGRESQL, jdbc, user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** The SQLite file, or null for a server database; start-up creates its folder. */
    public Path sqliteFile() {
        return engine == Engine.SQLITE ? Path.of(jdbcUrl.substring("jdbc:sqlite:".length())) : null;
    }

    /** Without the query, which may carry a password ({@code ?password=…}, {@code sslpassword=…}). */
    @Override
    public String toString() {
        int query = jdbcUrl.indexOf('?');
        String shown = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
        return engine == Engine.SQLITE ? shown : shown + " (user " + user + ")";
    }
}
