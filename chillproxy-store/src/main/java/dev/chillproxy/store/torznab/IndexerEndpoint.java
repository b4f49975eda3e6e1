package dev.chillproxy.store.torznab;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.secret.Fingerprint;
import dev.chillproxy.store.http.SecretMasker;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * A Torznab API URL ({@code …/api/v2.0/indexers/all/results/torznab/api} for Jackett, {@code …/{id}/api} for
 * Prowlarr, anything for generic). The API key may sit in the URL's {@code apikey} query or be given apart.
 *
 * @param apiKey null when the URL carries it or the indexer needs none
 */
public record IndexerEndpoint(IndexerKind kind, String url, ApiKey apiKey) {

    public IndexerEndpoint {
        Objects.requireNonNull(kind, "kind");
        if (url == null || HttpUrl.parse(url) == null) {
            throw new IllegalArgumentException("indexer url: not an http(s) URL");
        }
    }

    /** The URL for one Torznab function, with the key added unless the URL already has one. */
    HttpUrl.Builder function(String t) {
        HttpUrl.Builder builder = HttpUrl.get(url).newBuilder().setQueryParameter("t", t);
        if (apiKey != null) {
            builder.setQueryParameter("apikey", apiKey.reveal());
        }
        return builder;
    }

    /** A display name without secrets: host and path. */
    public String label() {
        HttpUrl parsed = HttpUrl.get(url);
        return SecretMasker.mask(parsed.host() + (parsed.port() == HttpUrl.defaultPort(parsed.scheme()) ? "" : ":"
                + parsed.port()) + parsed.encodedPath());
    }

    /** Cache key: a hash of the full URL and the key, so neither sits in clear in a cache. */
    String cacheKey() {
        return Fingerprint.of(url, apiKey == null ? "" : apiKey.reveal());
    }
}
