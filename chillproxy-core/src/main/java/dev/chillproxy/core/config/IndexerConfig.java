package dev.chillproxy.core.config;

import java.util.Objects;

import dev.chillproxy.core.secret.ApiKey;

/**
 * One Torznab indexer of a torz config ({@code {"n":"jackett","u":"https://…","ak":"<key>"}}).
 *
 * @param name   {@code generic}, {@code jackett} or {@code prowlarr}
 * @param url    the http(s) endpoint
 * @param apiKey the indexer API key, "" when absent
 */
public record IndexerConfig(String name, String url, String apiKey) {

    public IndexerConfig {
        name = Objects.requireNonNullElse(name, "");
        url = Objects.requireNonNullElse(url, "");
        apiKey = Objects.requireNonNullElse(apiKey, "");
    }

    /** API key masked, and the URL without its query, which often carries an {@code apikey} too. */
    @Override
    public String toString() {
        int query = url.indexOf('?');
        String shownUrl = query < 0 ? url : url.substring(0, query) + "?…";
        return "IndexerConfig[name=" + name + ", url=" + shownUrl
                + ", apiKey=" + (apiKey.isEmpty() ? "" : ApiKey.mask(apiKey)) + "]";
    }
}
