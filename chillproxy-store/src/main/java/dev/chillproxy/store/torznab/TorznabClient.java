package dev.chillproxy.store.torznab;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.store.http.SecretMasker;
import dev.chillproxy.store.internal.InfoHash;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

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
    /** Upper bound on {@code .torrent} downloads per search, so one slow feed cannot fetch hundreds. */
    static final int MAX_TORRENT_FETCHES = 30;

    private final OkHttpClient client;
    private final TorrentFetcher fetcher;
    private final Cache<String, TorznabCaps> caps = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(1_000).build();

    /**
     * @param shared  the application's client
     * @param timeout per-indexer call timeout (each caps, search or torrent request)
     */
    public TorznabClient(OkHttpClient shared, Duration timeout, String userAgent) {
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
    public TorznabCaps caps(IndexerEndpoint endpoint) throws IOException {
        TorznabCaps cached = caps.getIfPresent(endpoint.cacheKey());
        if (cached != null) {
            return cached;
        }
        TorznabCaps fresh = TorznabXml.caps(fetchXml(endpoint.function("caps").build()));
        caps.put(endpoint.cacheKey(), fresh);
        return fresh;
    }

    public IndexerOutcome search(IndexerEndpoint endpoint, TorznabQuery query) {
        String label = endpoint.label();
        try {
            TorznabCaps capabilities = caps(endpoint);
            HttpUrl url = searchUrl(endpoint, capabilities, query);
            if (url == null) {
                return new IndexerOutcome.Found(label, List.of(), 0,
                        "no imdbid support and no title to search for");
            }
            Document feed = fetchXml(url);
            String fallbackName = capabilities.serverTitle().isEmpty() ? label : capabilities.serverTitle();
            return resolve(label, fallbackName, TorznabXml.items(feed));
        } catch (IOException | IllegalArgumentException e) {
            String reason = SecretMasker.mask(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
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

    private IndexerOutcome resolve(String label, String fallbackName, List<TorznabXml.FeedItem> feed) {
        List<TorznabItem> items = new ArrayList<>();
        int unresolved = 0;
        int fetches = 0;
        for (TorznabXml.FeedItem item : feed) {
            String indexer = item.indexer().isEmpty() ? fallbackName : item.indexer();
            if (!item.hash().isEmpty()) {
                String magnet = item.magnet().isEmpty() ? InfoHash.magnet(item.hash()) : item.magnet();
                items.add(new TorznabItem(indexer, item.title(), item.hash(), magnet, item.torrentUrl(), item.size(),
                        item.seeders(), item.peers(), item.privateTracker(), List.of()));
                continue;
            }
            if (item.torrentUrl().isEmpty() || fetches >= MAX_TORRENT_FETCHES) {
                unresolved++;
                continue;
            }
            fetches++;
            TorrentFetcher.Resolution resolution = fetcher.resolve(item.torrentUrl());
            if (resolution instanceof TorrentFetcher.Resolved resolved) {
                boolean privateTorrent = item.privateTracker()
                        || (resolved.metainfo() != null && resolved.metainfo().privateTorrent());
                items.add(new TorznabItem(indexer, item.title(), resolved.hash(), resolved.magnet(), item.torrentUrl(),
                        item.size(), item.seeders(), item.peers(), privateTorrent, TorrentFetcher.files(resolved)));
            } else {
                unresolved++;
                LOG.debug("torznab {}: unresolved item: {}", label, ((TorrentFetcher.Unresolved) resolution).reason());
            }
        }
        return new IndexerOutcome.Found(label, items, unresolved, "");
    }

    private Document fetchXml(HttpUrl url) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException("indexer answered HTTP " + response.code());
            }
            Document document = TorznabXml.parse(body);
            String error = TorznabXml.error(document);
            if (error != null) {
                throw new IOException(error);
            }
            return document;
        }
    }
}
