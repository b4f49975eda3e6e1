package dev.chillproxy.server.torz;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.outbox.UsageOutbox;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.core.files.FileSelector;
import dev.chillproxy.core.title.TitleParser;
import dev.chillproxy.core.torz.PlaybackPorts;
import dev.chillproxy.core.torz.PlaybackResolver;
import dev.chillproxy.core.torz.StoreAccess;
import dev.chillproxy.core.torz.StreamLinks;
import dev.chillproxy.core.torz.StreamLister;
import dev.chillproxy.server.RouteGroup;
import dev.chillproxy.server.limits.ClientIp;
import dev.chillproxy.server.limits.StremioRateLimit;
import dev.chillproxy.server.metrics.Metrics;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.server.torz.index.MagnetCache;
import dev.chillproxy.server.torz.index.TorrentIndex;
import dev.chillproxy.server.torz.index.TorrentUrlSealer;
import dev.chillproxy.store.StoreSet;
import dev.chillproxy.store.torznab.IndexerEndpoint;
import dev.chillproxy.store.torznab.IndexerKind;
import dev.chillproxy.store.torznab.TorznabClient;
import dev.chillproxy.store.torznab.TorznabSearch;
import okhttp3.OkHttpClient;

/**
 * The torz half of the composition root: local index and magnet cache, candidate search, store access through
 * the pool, the stream-list and playback pipelines, and their routes. Owns the worker threads of the parallel
 * steps (grant, indexers, cache checks), which block on I/O: bounded pools, see {@link WorkerPools}.
 */
public final class TorzComponents implements AutoCloseable {

    /** How playback waits for a torrent the store is still fetching: {@code polls} looks, {@code interval} apart. */
    public record Tuning(int polls, Duration pollInterval) {
        public static final Tuning DEFAULT = new Tuning(3, Duration.ofSeconds(5));
    }

    private final ExecutorService workers;
    private final ExecutorService indexers;
    private final List<RouteGroup> routes;

    private TorzComponents(ExecutorService workers, ExecutorService indexers, List<RouteGroup> routes) {
        this.workers = workers;
        this.indexers = indexers;
        this.routes = List.copyOf(routes);
    }

    /** What the torz routes share with the rest of the server. */
    public record Shared(Clock clock, String userAgent, Metrics metrics, ClientIp clientIp, StremioRateLimit rateLimit) {
    }

    public static TorzComponents create(Settings settings, Database database, OkHttpClient http, StoreSet stores,
                                        KeySource keys, KeyProblemSink keyProblems, UsageOutbox outbox, Shared shared,
                                        Tuning tuning) {
        Clock clock = shared.clock();
        String userAgent = shared.userAgent();
        Metrics metrics = shared.metrics();
        database.migrate("torz");
        ExecutorService workers = WorkerPools.workers();
        ExecutorService indexers = WorkerPools.indexers();
        TorrentIndex index = new TorrentIndex(database, clock, new TorrentUrlSealer(
                PoolKeyCipher.of(settings.poolEncryptionKey().orElseThrow().reveal())));
        PrivateTorrentLinks privateLinks = new PrivateTorrentLinks(index, Ticker.systemTicker());
        KeyProblemReporter problems = new KeyProblemReporter(keyProblems, clock);
        StoreAccess access = new PoolStoreAccess(keys, settings.enableChillstreamsAuth(), settings.enableLegacyTokens());
        ParsedTitles titles = new ParsedTitles(new TitleParser());
        metrics.monitor(titles.statistics(), "titles");
        Cache<String, PlaybackPorts.ResolvedLink> linkCache = PlaybackCaches.linkCache();
        metrics.monitor(linkCache, "links");
        TorznabClient torznab = new TorznabClient(http, settings.streamDeadline(), userAgent);
        TorznabSearch search = new TorznabSearch(torznab, indexers);
        RecentCandidates source = new RecentCandidates(
                new IndexerCandidateSource(index, search, operatorIndexers(settings), titles, workers, privateLinks), Ticker.systemTicker());
        metrics.monitor(source.statistics(), "candidates");
        StreamLinks links = new StreamLinks(settings.baseUrl().toString());
        StreamLister lister = new StreamLister(source, access,
                new StoreCacheChecker(stores, new MagnetCache(database, clock, settings.cachedStaleAfter(),
                        settings.uncachedStaleAfter()), problems,
                        metrics.cacheCounters("magnets"), workers),
                workers, settings.streamDeadline(), links);
        PlaybackResolver resolver = new PlaybackResolver(access, new StoreGateway(stores, torznab.torrents(), problems, privateLinks,
                        new UserAddQuota(settings.userAddsPerHour(), Ticker.systemTicker())),
                PlaybackCaches.links(linkCache),
                PlaybackCaches.tags(index), new FileSelector(titles.parser()), duration -> Thread.sleep(duration.toMillis()),
                tuning.polls(), tuning.pollInterval());
        ClientContexts clients = new ClientContexts(shared.clientIp());
        UsageEvents usage = new UsageEvents(outbox, clock);
        VideoRoutes videos = new VideoRoutes(settings.baseUrl().toString());
        return new TorzComponents(workers, indexers, List.of(videos, new StreamRoutes(lister, clients, usage, links, videos,
                shared.rateLimit(), settings.enableP2p()),
                new PlaybackRoutes(resolver, clients, usage, videos, shared.rateLimit())));
    }

    /** {@code TORZNAB_INDEXERS} (apikey in their query) and the operator's Prowlarr, searched for every request. */
    static List<IndexerEndpoint> operatorIndexers(Settings settings) {
        List<IndexerEndpoint> endpoints = new ArrayList<>();
        settings.torznabIndexers().forEach(url -> endpoints.add(new IndexerEndpoint(IndexerKind.GENERIC, url.toString(), null)));
        settings.prowlarrUrl().ifPresent(url -> endpoints.add(new IndexerEndpoint(IndexerKind.PROWLARR,
                url.toString().replaceAll("/+$", "") + "/api/v2.0/indexers/all/results/torznab/api",
                settings.prowlarrApiKey().orElse(null))));
        return endpoints;
    }

    public List<RouteGroup> routes() {
        return routes;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        indexers.shutdownNow();
    }
}
