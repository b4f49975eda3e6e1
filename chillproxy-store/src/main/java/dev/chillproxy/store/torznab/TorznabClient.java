package dev.chillproxy.store.torznab;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.core.torrent.TorrentFile;
import dev.chillproxy.store.http.LogText;
import dev.chillproxy.store.http.SecretMasker;
import dev.chillproxy.core.torrent.InfoHash;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches one Torznab endpoint (generic, Jackett, Prowlarr). Caps are cached 15 min per endpoint. Function:
 * {@code tvsearch} for series when available, else {@code movie}, else {@code search}; {@code imdbid} (plus
 * {@code season}/{@code ep}) when that function supports it, otherwise a title query {@code q}. Items without a
 * hash are resolved through their {@code .torrent}. Every failure becomes {@link IndexerOutcome.Failed}; this
 * class never throws for an indexer's fault.
 *
 * <p>Thread-safe; share one instance.
 */
public final class TorznabClient {

    private static final Logger LOG = LoggerFactory.getLogger(TorznabClient.class);
    /** Bytes read of a caps or search answer; the rest is not downloaded. */
    public static final long MAX_ANSWER_BYTES = 4L * 1024 * 1024;
    /** File lists of fetched {@code .torrent}s are kept only up to this many files, each path this long. */
    static final int MAX_FILES = 2_000;
    static final int MAX_PATH_CHARS = 512;

    private final Duration timeout;
    private final OkHttpClient client;
    private final TorrentFetcher fetcher;
    private final Cache<String, TorznabCaps> caps = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(1_000).build();

    /**
     * @param shared  the application's client
     * @param timeout per-indexer call timeout (each caps, search or torrent request)
     */
    public TorznabClient(OkHttpClient shared, Duration timeout, String userAgent) {
        this.timeout = timeout;
        this.client = shared.newBuilder().callTimeout(timeout)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("User-Agent", userAgent).build()))
                .build();
        this.fetcher = new TorrentFetcher(this.client, timeout);
    }

    /**
     * The {@code .torrent} downloader this client uses (same User-Agent and timeout), for playback of private
     * torrents, whose file must be uploaded to the store.
     */
    public TorrentFetcher torrents() {
        return fetcher;
    }

    /** The endpoint's capabilities, from cache when fresh. */
    TorznabCaps caps(IndexerEndpoint endpoint, CallScope scope) throws IOException {
        TorznabCaps cached = caps.getIfPresent(endpoint.cacheKey());
        if (cached != null) {
            return cached;
        }
        TorznabCaps fresh = fetch(endpoint.function("caps").build(), scope, TorznabXml::caps);
        caps.put(endpoint.cacheKey(), fresh);
        return fresh;
    }

    /** One search on its own, bounded by this client's timeout. */
    public IndexerOutcome search(IndexerEndpoint endpoint, TorznabQuery query) {
        try (CallScope scope = new CallScope(timeout, TorznabSearch.MAX_TORRENT_FETCHES)) {
            return search(endpoint, query, scope);
        }
    }

    /**
     * One search whose calls the scope bounds and cancels. When the scope stops while the feed is read, the
     * outcome is a failure; while {@code .torrent}s are fetched, the items resolved so far are returned.
     */
    public IndexerOutcome search(IndexerEndpoint endpoint, TorznabQuery query, CallScope scope) {
        String label = endpoint.label();
        try {
            TorznabCaps capabilities = caps(endpoint, scope);
            HttpUrl url = searchUrl(endpoint, capabilities, query);
            if (url == null) {
                return new IndexerOutcome.Found(label, List.of(), 0,
                        "no imdbid support and no title to search for");
            }
            TorznabXml.Feed feed = fetch(url, scope, in -> TorznabXml.feed(in, TorznabXml.MAX_ITEMS));
            if (!feed.truncation().isEmpty()) {
                LOG.info("torznab {}: answer truncated: {}", label, feed.truncation());
            }
            String fallbackName = capabilities.serverTitle().isEmpty() ? label : capabilities.serverTitle();
            return resolve(label, fallbackName, feed, scope);
        } catch (IOException | IllegalArgumentException e) {
            String reason = LogText.oneLine(SecretMasker.mask(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 200);
            if (scope.stopped() && !(e instanceof TorznabXml.IndexerError)) {
                reason = "no answer before the deadline";
            }
            LOG.info("torznab {}: {}", label, reason);
            return new IndexerOutcome.Failed(label, reason);
        }
    }

    static HttpUrl searchUrl(IndexerEndpoint endpoint, TorznabCaps caps, TorznabQuery query) {
        TorznabCaps.SearchFunction function;
        String t;
        if (query.series() && caps.tvSearch().available()) {
            function = caps.tvSearch();
            t = "tvsearch";
        } else if (caps.movieSearch().available()) {
            function = caps.movieSearch();
            t = "movie";
        } else {
            function = caps.search();
            t = "search";
        }
        if (query.imdbId() != null && function.supports("imdbid")) {
            HttpUrl.Builder url = endpoint.function(t).addQueryParameter("imdbid", query.imdbId());
            if (query.season() != null && function.supports("season")) {
                url.addQueryParameter("season", query.season().toString());
                if (query.episode() != null && function.supports("ep")) {
                    url.addQueryParameter("ep", query.episode().toString());
                }
            }
            return url.build();
        }
        if (query.title() == null) {
            return null;
        }
        // a title search uses the plain function, which every Torznab endpoint has
        return endpoint.function("search").addQueryParameter("q", query.title()).build();
    }

    private IndexerOutcome resolve(String label, String fallbackName, TorznabXml.Feed feed, CallScope scope) {
        List<TorznabItem> items = new ArrayList<>();
        int unresolved = 0;
        for (TorznabXml.FeedItem item : feed.items()) {
            String indexer = item.indexer().isEmpty() ? fallbackName : item.indexer();
            if (!item.hash().isEmpty()) {
                String magnet = item.magnet().isEmpty() ? new InfoHash(item.hash()).toMagnet() : item.magnet();
                items.add(new TorznabItem(indexer, item.title(), item.hash(), magnet, item.torrentUrl(), item.size(),
                        item.seeders(), item.peers(), item.privateTracker(), List.of()));
                continue;
            }
            // the request's .torrent fetches are few and end at its deadline: the rest stay unresolved this time
            if (item.torrentUrl().isEmpty() || scope.stopped() || !scope.takeTorrentFetch()) {
                unresolved++;
                continue;
            }
            TorrentFetcher.Resolution resolution = fetcher.resolve(item.torrentUrl(), scope);
            if (resolution instanceof TorrentFetcher.Resolved resolved) {
                boolean privateTorrent = item.privateTracker()
                        || (resolved.metainfo() != null && resolved.metainfo().privateTorrent());
                items.add(new TorznabItem(indexer, item.title(), resolved.hash(), resolved.magnet(), item.torrentUrl(),
                        item.size(), item.seeders(), item.peers(), privateTorrent, boundedFiles(resolved)));
            } else {
                unresolved++;
                LOG.debug("torznab {}: unresolved item: {}", label,
                        LogText.oneLine(((TorrentFetcher.Unresolved) resolution).reason()));
            }
        }
        return new IndexerOutcome.Found(label, items, unresolved,
                feed.truncation().isEmpty() ? "" : "truncated: " + feed.truncation());
    }

    /** The torrent's files, or none (unknown) when there are too many or a path is too long to be kept. */
    private static List<TorrentFile> boundedFiles(TorrentFetcher.Resolved resolved) {
        List<TorrentFile> files = TorrentFetcher.files(resolved);
        boolean fits = files.size() <= MAX_FILES && files.stream().allMatch(f -> f.path().length() <= MAX_PATH_CHARS);
        return fits ? files : List.of();
    }

    /** Reads an answer through the size cap; an answer not read to its end is cancelled rather than drained. */
    private <T> T fetch(HttpUrl url, CallScope scope, XmlReader<T> reader) throws IOException {
        Call call = scope.newCall(client, new Request.Builder().url(url).get().build());
        boolean complete = false;
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("indexer answered HTTP " + response.code());
            }
            CappedInputStream in = new CappedInputStream(response.body().byteStream(), MAX_ANSWER_BYTES);
            T result = reader.read(in);
            complete = !in.capped() && !(result instanceof TorznabXml.Feed feed && !feed.truncation().isEmpty());
            return result;
        } finally {
            if (!complete) {
                call.cancel(); // closing would otherwise keep reading the rest of the body to reuse the connection
            }
        }
    }

    private interface XmlReader<T> {
        T read(CappedInputStream in) throws IOException;
    }
}
