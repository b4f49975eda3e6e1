package dev.chillproxy.server.metrics;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.store.StoreEndpoints;
import dev.chillproxy.core.store.StoreName;
import okhttp3.HttpUrl;

/**
 * Which upstream a request goes to, by its URL: the configured base URLs of the debrid stores, the operator's
 * Torznab indexers and Prowlarr, and a remote Chillstreams. Stores match on scheme, host, port and base path
 * (the longest match wins, so fakes sharing one test server still count apart); indexers match on the host, so
 * their torrent downloads count too. Unknown hosts are {@value #OTHER}. Immutable and thread-safe.
 */
public record UpstreamServices(List<Entry> entries) {

    public static final String INDEXER = "indexer";
    public static final String CHILLSTREAMS = "chillstreams";
    public static final String OTHER = "other";

    /** One base URL and the service label its requests get. */
    public record Entry(String service, HttpUrl base) {
        public Entry {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(base, "base");
        }

        boolean matches(HttpUrl url) {
            return url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port()
                    && url.encodedPath().startsWith(base.encodedPath());
        }
    }

    public UpstreamServices {
        entries = List.copyOf(entries);
    }

    /**
     * @param indexers     {@code TORZNAB_INDEXERS} and {@code PROWLARR_URL}
     * @param chillstreams {@code CHILLSTREAMS_API_URL} when the pool is remote
     */
    public static UpstreamServices of(StoreEndpoints stores, Collection<URI> indexers, Optional<URI> chillstreams) {
        List<Entry> entries = new ArrayList<>();
        for (StoreName store : StoreName.values()) {
            add(entries, store.id(), stores.forStore(store), false);
        }
        chillstreams.ifPresent(url -> add(entries, CHILLSTREAMS, url.toString(), false));
        indexers.forEach(url -> add(entries, INDEXER, url.toString(), true));
        return new UpstreamServices(entries);
    }

    private static void add(List<Entry> entries, String service, String url, boolean wholeHost) {
        HttpUrl base = HttpUrl.parse(url);
        if (base != null) {
            entries.add(new Entry(service, wholeHost ? base.newBuilder().encodedPath("/").query(null).build() : base));
        }
    }

    /** The service label of a request URL. */
    public String serviceOf(HttpUrl url) {
        Entry best = null;
        for (Entry entry : entries) {
            if (entry.matches(url) && (best == null || entry.base().encodedPath().length() > best.base().encodedPath().length())) {
                best = entry;
            }
        }
        return best == null ? OTHER : best.service();
    }
}
