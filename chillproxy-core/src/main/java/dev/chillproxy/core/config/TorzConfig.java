package dev.chillproxy.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A decoded torz config, the {@code {cfg}} segment of the addon URL. Values are structurally normalised
 * here (nulls become empty); the rules a config must satisfy are checked by {@link ConfigCodec#decode}.
 *
 * @param p2p             native torrent streams, no debrid store (JSON {@code "stores":[{"c":"p2p"}]}); then
 *                        {@code stores} is empty
 * @param stores          debrid stores in the user's order of preference
 * @param indexers        the user's own Torznab indexers, possibly empty
 * @param cached          list only streams that are cached in a store
 * @param uncachedPrivate show uncached private-tracker torrents (JSON {@code unc_prvt})
 * @param sort            comma list of {@code resolution|quality|size|hdr}, {@code -} = descending; "" = default
 * @param filter          filter expression, "" = none (compiled elsewhere)
 */
public record TorzConfig(
        boolean p2p,
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
        if (p2p && !stores.isEmpty()) {
            throw new IllegalArgumentException("p2p must be the only store");
        }
    }

    /** A config with debrid stores. */
    public TorzConfig(List<StoreConfig> stores, List<IndexerConfig> indexers, boolean cached, boolean uncachedPrivate,
                      String sort, String filter) {
        this(false, stores, indexers, cached, uncachedPrivate, sort, filter);
    }

    /** A native-torrent (p2p) config. */
    public static TorzConfig p2p(List<IndexerConfig> indexers, boolean cached, boolean uncachedPrivate, String sort,
                                 String filter) {
        return new TorzConfig(true, List.of(), indexers, cached, uncachedPrivate, sort, filter);
    }
}
