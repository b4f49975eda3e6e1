package dev.chillproxy.store.torznab;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.core.torrent.InfoHash;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.chillproxy.core.secret.Fingerprint;

/**
 * Downloads {@code .torrent} links: follows at most {@link #MAX_REDIRECTS} redirects by hand (a {@code magnet:}
 * redirect is taken as the magnet), refuses bodies over {@link #MAX_BYTES}, and parses the metainfo. Search
 * results resolve links to hashes through a cache (6 h per link, failures 5 min); playback of a private torrent
 * downloads the file itself with {@link #download}, uncached. Never logs a link's query or path: both may carry
 * an indexer's api key or a tracker's passkey.
 *
 * <p>Thread-safe; share one instance.
 */
public final class TorrentFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(TorrentFetcher.class);
    public static final int MAX_REDIRECTS = 5;
    public static final long MAX_BYTES = 1024 * 1024;
    /** Estimated bytes of the resolved links kept. */
    static final long MAX_CACHED_BYTES = 16L * 1024 * 1024;

    /** The outcome for one link. */
    sealed interface Resolution {
    }

    record Resolved(String hash, String magnet, TorrentMetainfo metainfo) implements Resolution {
    }

    record Unresolved(String reason) implements Resolution {
    }

    private final OkHttpClient client;
    /** Weighed by the file lists they hold (a 1 MB torrent can list tens of thousands of files). */
    private final Cache<String, Resolution> resolved = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(6)).maximumWeight(MAX_CACHED_BYTES)
            .weigher((String link, Resolution resolution) -> estimatedBytes(resolution)).build();
    private final Cache<String, Resolution> failed = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(5_000).build();

    /**
     * @param shared  the application's client (or one derived from it, e.g. with a User-Agent)
     * @param timeout the whole download, redirects included per hop
     */
    public TorrentFetcher(OkHttpClient shared, Duration timeout) {
        this.client = shared.newBuilder().followRedirects(false).followSslRedirects(false).callTimeout(timeout).build();
    }

    /**
     * The hash behind {@code url}, from cache when known; the download is bounded and cancelled by {@code scope}.
     * A download the scope cut short is not remembered as a failure: the link gets another chance.
     */
    Resolution resolve(String url, CallScope scope) {
        String key = Fingerprint.of(url); // links may carry a passkey: hashed, not kept in clear
        Resolution cached = resolved.getIfPresent(key);
        if (cached == null) {
            cached = failed.getIfPresent(key);
        }
        if (cached != null) {
            return cached;
        }
        Resolution outcome = toResolution(download(url, request -> scope.newCall(client, request)));
        if (outcome instanceof Resolved || !scope.stopped()) {
            (outcome instanceof Resolved ? resolved : failed).put(key, outcome);
        }
        return outcome;
    }

    private static Resolution toResolution(TorrentDownload download) {
        if (download instanceof TorrentDownload.Fetched fetched) {
            return new Resolved(fetched.hash(), new InfoHash(fetched.hash()).toMagnet(), fetched.metainfo());
        }
        if (download instanceof TorrentDownload.MagnetRedirect redirect) {
            return new Resolved(redirect.hash(), redirect.magnet(), null);
        }
        return new Unresolved(((TorrentDownload.Failed) download).reason());
    }

    /** Downloads and parses the {@code .torrent} behind {@code link}; never throws for the link's or server's fault. */
    public TorrentDownload download(String link) {
        return download(link, client::newCall);
    }

    /** How a download makes its calls: plainly, or bounded and cancelled by a request's {@link CallScope}. */
    private interface Calls {
        Call newCall(Request request) throws IOException;
    }

    private TorrentDownload download(String link, Calls calls) {
        HttpUrl url = link == null ? null : HttpUrl.parse(link.trim());
        for (int hop = 0; url != null && hop <= MAX_REDIRECTS; hop++) {
            try {
                Call call = calls.newCall(new Request.Builder().url(url).get().build());
                try (Response response = call.execute()) {
                    if (response.isRedirect()) {
                        String location = Objects.requireNonNullElse(response.header("Location"), "");
                        if (location.regionMatches(true, 0, "magnet:", 0, 7)) {
                            return InfoHash.tryParse(location)
                                    .<TorrentDownload>map(h -> new TorrentDownload.MagnetRedirect(location, h.hex()))
                                    .orElse(new TorrentDownload.Failed("redirect to a magnet without a hash"));
                        }
                        url = url.resolve(location);
                        continue;
                    }
                    if (!response.isSuccessful()) {
                        call.cancel(); // do not drain an error body to reuse the connection
                        return new TorrentDownload.Failed("torrent download answered HTTP " + response.code());
                    }
                    TorrentDownload download = parse(response);
                    if (download instanceof TorrentDownload.Failed) {
                        call.cancel(); // a body over the cap is left unread, not drained
                    }
                    return download;
                }
            } catch (IOException e) {
                LOG.debug("torrent fetch from {} failed: {}", url.host(), e.getClass().getSimpleName());
                return new TorrentDownload.Failed("torrent download failed: " + e.getClass().getSimpleName());
            }
        }
        return new TorrentDownload.Failed(url == null ? "bad torrent link" : "more than " + MAX_REDIRECTS + " redirects");
    }

    private static TorrentDownload parse(Response response) throws IOException {
        if (response.body().contentLength() > MAX_BYTES) {
            return new TorrentDownload.Failed("torrent larger than 1 MB");
        }
        BufferedSource source = response.body().source();
        // ask for one byte more than allowed: getting it means the body is too big
        source.request(MAX_BYTES + 1);
        if (source.getBuffer().size() > MAX_BYTES) {
            return new TorrentDownload.Failed("torrent larger than 1 MB");
        }
        byte[] bytes = source.getBuffer().readByteArray();
        try {
            return new TorrentDownload.Fetched(bytes, TorrentMetainfo.parse(bytes));
        } catch (IllegalArgumentException e) {
            return new TorrentDownload.Failed(e.getMessage());
        }
    }

    private static int estimatedBytes(Resolution resolution) {
        long bytes = 256;
        if (resolution instanceof Resolved done && done.metainfo() != null) {
            for (var file : done.metainfo().files()) {
                bytes += 64 + 2L * file.path().length();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    static List<dev.chillproxy.core.torrent.TorrentFile> files(Resolved resolved) {
        return resolved.metainfo() == null ? List.of() : resolved.metainfo().files();
    }
}
