package dev.chillproxy.server.torz;

import java.util.ArrayList;
import java.util.List;

import dev.chillproxy.core.config.IndexerConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.secret.Fingerprint;

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
        List<String> indexers = new ArrayList<>();
        for (IndexerConfig indexer : config.indexers()) {
            indexers.addAll(List.of(indexer.name(), indexer.url(), indexer.apiKey()));
        }
        return new SearchScope(operator, "i" + Fingerprint.of(indexers.toArray(String[]::new)));
    }

    /** For caches of search results: the same answer only for the same indexers, keys and operator access. */
    public String cacheKey() {
        return (operator ? "op:" : "own:") + finder;
    }

    @Override
    public String toString() {
        return "SearchScope[operator=" + operator + "]";
    }
}
