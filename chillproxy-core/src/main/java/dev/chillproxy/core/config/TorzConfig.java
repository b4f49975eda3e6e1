package dev.chillproxy.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A decoded torz config, the {@code {cfg}} segment of the addon URL. Values are structurally normalised
 * here (nulls become empty); the rules a config must satisfy are checked by {@link ConfigCodec#decode}.
 *
 * @param stores          debrid stores in the user's order of preference
 * @param indexers        the user's own Torznab indexers, possibly empty
 * @param cached          list only streams that are cached in a store
 * @param uncachedPrivate show uncached private-tracker torrents (JSON {@code unc_prvt})
 * @param sort            comma list of {@code resolution|quality|size|hdr}, {@code -} = descending; "" = default
 * @param filter          filter expression, "" = none (compiled elsewhere)
 */
public record TorzConfig(
        List<StoreConfig> stores,
        List<IndexerConfig> indexers,
        boolean cached,
        boolean uncachedPrivate,
        String sort,
        String filter) {

    public TorzConfig {
        stores = List.copyOf(Objects.requireNonNullElse(stores, List.of()));
        indexers = List.copyOf(Objects.requireNonNullElse(indexers, List.of()));
        sort = Objects.requireNonNullElse(sort, "");
        filter = Objects.requireNonNullElse(filter, "");
    }
}
