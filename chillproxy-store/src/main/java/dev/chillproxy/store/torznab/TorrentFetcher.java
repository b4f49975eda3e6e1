package dev.chillproxy.store.torznab;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.store.http.SecretMasker;
import dev.chillproxy.store.internal.InfoHash;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a {@code .torrent} link to an info hash: follows at most {@link #MAX_REDIRECTS} redirects by hand
 * (a {@code magnet:} redirect is taken as the magnet), refuses bodies over {@link #MAX_BYTES}, and parses the
 * metainfo. Results are cached 6 h per link, failures 5 min.
 *
 * <p>Thread-safe.
 */
final class TorrentFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(TorrentFetcher.class);
    static final int MAX_REDIRECTS = 5;
    static final long MAX_BYTES = 1024 * 1024;

    /** The outcome for one link. */
    sealed interface Resolution {
    }

    record Resolved(String hash, String magnet, TorrentMetainfo metainfo) implements Resolution {
    }

    record Unresolved(String reason) implements Resolution {
    }

    private final OkHttpClient client;
    private final Cache<String, Resolution> resolved = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(6)).maximumSize(5_000).build();
    private final Cache<String, Resolution> failed = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(5_000).build();

    TorrentFetcher(OkHttpClient shared, Duration timeout) {
        this.client = shared.newBuilder().followRedirects(false).followSslRedirects(false).callTimeout(timeout).build();
    }

    Resolution resolve(String url) {
        Resolution cached = resolved.getIfPresent(url);
        if (cached == null) {
            cached = failed.getIfPresent(url);
        }
        if (cached != null) {
            return cached;
        }
        Resolution outcome = fetch(url);
        (outcome instanceof Resolved ? resolved : failed).put(url, outcome);
        return outcome;
    }

    private Resolution fetch(String start) {
        HttpUrl url = HttpUrl.parse(start);
        for (int hop = 0; url != null && hop <= MAX_REDIRECTS; hop++) {
            try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
                if (response.isRedirect()) {
                    String location = Objects.requireNonNullElse(response.header("Location"), "");
                    if (location.regionMatches(true, 0, "magnet:", 0, 7)) {
                        return InfoHash.parse(location).<Resolution>map(h -> new Resolved(h, location, null))
                                .orElse(new Unresolved("redirect to a magnet without a hash"));
                    }
                    url = url.resolve(location);
                    continue;
                }
                if (!response.isSuccessful()) {
                    return new Unresolved("torrent download answered HTTP " + response.code());
                }
                return parse(response);
            } catch (IOException e) {
                LOG.debug("torrent fetch {} failed: {}", SecretMasker.mask(url.toString()), e.getClass().getSimpleName());
                return new Unresolved("torrent download failed: " + e.getClass().getSimpleName());
            }
        }
        return new Unresolved(url == null ? "bad torrent link" : "more than " + MAX_REDIRECTS + " redirects");
    }

    private static Resolution parse(Response response) throws IOException {
        if (response.body().contentLength() > MAX_BYTES) {
            return new Unresolved("torrent larger than 1 MB");
        }
        BufferedSource source = response.body().source();
        // ask for one byte more than allowed: getting it means the body is too big
        source.request(MAX_BYTES + 1);
        if (source.getBuffer().size() > MAX_BYTES) {
            return new Unresolved("torrent larger than 1 MB");
        }
        byte[] bytes = source.getBuffer().readByteArray();
        try {
            TorrentMetainfo metainfo = TorrentMetainfo.parse(bytes);
            return new Resolved(metainfo.infoHash(), InfoHash.magnet(metainfo.infoHash()), metainfo);
        } catch (IllegalArgumentException e) {
            return new Unresolved(e.getMessage());
        }
    }

    static List<dev.chillproxy.core.torrent.TorrentFile> files(Resolved resolved) {
        return resolved.metainfo() == null ? List.of() : resolved.metainfo().files();
    }
}
