package dev.chillproxy.core.torz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Builds the playback ("strem") URLs that stream entries point at. They carry the config segment, never a key:
 * {@code <base>/stremio/torz/<cfg>/_/strem/<id>/<store>/<hash>[-<b64url torrent url>]/<fileIdx>/<fileName>}.
 */
public final class StreamLinks {

    private final String baseUrl;

    public StreamLinks(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String strem(String cfg, String stremioId, String storeCode, String hash, String torrentUrl,
                        int fileIdx, String fileName) {
        String hashSegment = torrentUrl == null || torrentUrl.isEmpty()
                ? hash
                : hash + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(torrentUrl.getBytes(StandardCharsets.UTF_8));
        return baseUrl + "/stremio/torz/" + cfg + "/_/strem/" + segment(stremioId) + "/" + storeCode + "/" + hashSegment
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
