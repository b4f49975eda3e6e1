package dev.chillproxy.core.torz;

import dev.chillproxy.core.store.StoreName;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the playback ("strem") URLs that stream entries point at. They carry the config segment, never a key:
 * {@code <base>/stremio/torz/<cfg>/_/strem/<id>/<store>/<hash>[-p]/<fileIdx>/<fileName>}. {@code -p} asks playback to
 * upload the private torrent's {@code .torrent}, whose link the server looks up itself: a torrent URL carries the
 * indexer's api key and never goes into a link (StremThru put it there, base64-encoded).
 */
public final class StreamLinks {

    private final String baseUrl;

    public StreamLinks(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public static final String PRIVATE_UPLOAD = "p";

    public String strem(String cfg, String stremioId, StoreName store, String hash, boolean privateUpload,
                        int fileIdx, String fileName) {
        String hashSegment = privateUpload ? hash + "-" + PRIVATE_UPLOAD : hash;
        return baseUrl + "/stremio/torz/" + cfg + "/_/strem/" + segment(stremioId) + "/" + store.code() + "/" + hashSegment
                + "/" + fileIdx + "/" + (fileName == null ? "" : segment(fileName));
    }

    /** The base URL, for info streams that link to the configure page. */
    public String configurePage(String cfg) {
        return baseUrl + "/stremio/torz/" + (cfg == null || cfg.isEmpty() ? "" : cfg + "/") + "configure";
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
