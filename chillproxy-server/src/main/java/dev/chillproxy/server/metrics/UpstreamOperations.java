package dev.chillproxy.server.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import okhttp3.HttpUrl;

/**
 * The operation label of an upstream request, from an allowlist so the label stays bounded and can never hold an
 * id, a hash or a key: the store APIs' {@code section/action} path pairs ({@code torrents/checkcached},
 * {@code magnet/status}), Torznab's {@code t} function for indexers, else {@value #OTHER}. The query string is read
 * only for {@code t}. Stateless and thread-safe.
 */
final class UpstreamOperations {

    static final String OTHER = "other";
    /** An indexer request without a Torznab function: a torrent file download. */
    static final String DOWNLOAD = "download";

    private static final Set<String> PAIRS = Set.of(
            // TorBox
            "user/me", "torrents/checkcached", "torrents/createtorrent", "torrents/mylist", "torrents/controltorrent",
            "torrents/requestdl",
            // Real-Debrid
            "torrents/addmagnet", "torrents/selectfiles", "torrents/info", "torrents/delete",
            "torrents/instantavailability", "unrestrict/link",
            // AllDebrid
            "magnet/status", "magnet/upload", "magnet/delete", "magnet/files", "link/unlock",
            // Premiumize
            "account/info", "cache/check", "transfer/create", "transfer/delete", "transfer/directdl", "transfer/list",
            // Debrid-Link
            "account/infos", "seedbox/add", "seedbox/list",
            // Chillstreams
            "pool/get-key", "pool/log-usage");
    /** Single-segment operations, tried after the pairs: RD/AD {@code user}, RD {@code torrents}, DL {@code …/remove}. */
    private static final Set<String> SINGLES = Set.of("user", "torrents", "remove");
    private static final Set<String> TORZNAB_FUNCTIONS = Set.of("caps", "search", "tvsearch", "movie");

    private UpstreamOperations() {
    }

    static String of(String service, HttpUrl url) {
        if (UpstreamServices.INDEXER.equals(service)) {
            String function = torznabFunction(url);
            return function == null ? DOWNLOAD : function;
        }
        List<String> segments = url.pathSegments();
        for (int i = segments.size() - 1; i > 0; i--) {
            String pair = lower(segments.get(i - 1)) + "/" + lower(segments.get(i));
            if (PAIRS.contains(pair)) {
                return pair;
            }
        }
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (SINGLES.contains(lower(segments.get(i)))) {
                return lower(segments.get(i));
            }
        }
        return OTHER;
    }

    /** The Torznab function of a request ({@code t=search}), or {@value #OTHER}; null when it is no Torznab call. */
    static String torznabFunction(HttpUrl url) {
        String function = url.queryParameter("t");
        if (function == null) {
            return null;
        }
        String lower = lower(function);
        return TORZNAB_FUNCTIONS.contains(lower) ? lower : OTHER;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
