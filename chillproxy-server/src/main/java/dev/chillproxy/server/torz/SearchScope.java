package dev.chillproxy.server.torz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.chillproxy.core.config.IndexerConfig;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;

/**
 * Whose indexers a config may search and whose private torrents it may play.
 *
 * @param operator true when the config names a debrid store: only then are the operator's indexers searched (a
 *                 {@code p2p} config carries no credential)
 * @param finder   SHA-256 of the user's own indexers with their api keys: what those indexers found stays with
 *                 configs holding the same indexers and keys. Kept in memory only, never stored nor shown.
 */
record SearchScope(boolean operator, String finder) {

    public static SearchScope of(TorzConfig config) {
        boolean operator = !config.stores().isEmpty();
        StringBuilder indexers = new StringBuilder();
        for (IndexerConfig indexer : config.indexers()) {
            indexers.append(indexer.name()).append('\0').append(indexer.url()).append('\0').append(indexer.apiKey())
                    .append('\n');
        }
        return new SearchScope(operator, "i" + sha256(indexers.toString()));
    }

    /** True when the config has no debrid store, i.e. {@code p2p} only. */
    public static boolean isP2pOnly(TorzConfig config) {
        return config.p2p();
    }

    /** For caches of search results: the same answer only for the same indexers, keys and operator access. */
    public String cacheKey() {
        return (operator ? "op:" : "own:") + finder;
    }

    @Override
    public String toString() {
        return "SearchScope[operator=" + operator + "]";
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
