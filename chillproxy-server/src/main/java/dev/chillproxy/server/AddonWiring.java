package dev.chillproxy.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.chillstreams.signals.AbuseScan;
import dev.chillproxy.chillstreams.signals.KeyPlaybacks;
import dev.chillproxy.chillstreams.signals.Sightings;
import dev.chillproxy.chillstreams.signals.SignalLog;
import dev.chillproxy.core.files.FileSelector;
import dev.chillproxy.core.title.TitleParser;
import dev.chillproxy.core.torz.PlaybackResolver;
import dev.chillproxy.core.torz.StoreAccess;
import dev.chillproxy.core.torz.StreamLinks;
import dev.chillproxy.core.torz.StreamLister;
import dev.chillproxy.server.metrics.Metrics;
import dev.chillproxy.server.redis.SharedLimits;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.server.signals.AbuseWatch;
import dev.chillproxy.server.signals.ClientNetworks;
import dev.chillproxy.server.signals.ObservedStoreAccess;
import dev.chillproxy.server.signals.SignalMetrics;
import dev.chillproxy.server.signals.SignalWebhook;
import dev.chillproxy.server.torz.IndexerCandidateSource;
import dev.chillproxy.server.torz.KeyProblemReporter;
import dev.chillproxy.server.torz.LegacyTokenCheck;
import dev.chillproxy.server.torz.ParsedTitles;
import dev.chillproxy.server.torz.PlaybackCaches;
import dev.chillproxy.server.torz.PoolStoreAccess;
import dev.chillproxy.server.torz.PrivateTorrentLinks;
import dev.chillproxy.server.torz.RecentCandidates;
import dev.chillproxy.server.torz.SingleFlightAdds;
import dev.chillproxy.server.torz.StoreCacheChecker;
import dev.chillproxy.server.torz.StoreGateway;
import dev.chillproxy.server.torz.UserAddQuota;
import dev.chillproxy.server.torz.WorkerPools;
import dev.chillproxy.server.torz.index.MagnetCache;
import dev.chillproxy.server.torz.index.TorrentIndex;
import dev.chillproxy.server.torz.index.TorrentUrlSealer;
import dev.chillproxy.store.registry.StoreSet;
import dev.chillproxy.store.torznab.TorznabClient;
import dev.chillproxy.store.torznab.TorznabSearch;
import okhttp3.OkHttpClient;

/**
 * The addon's part of the composition root ({@link Main#build}): candidates (the local torrent index, the operator's
 * indexers), store access through the pool with the abuse signals around it, the stream-list pipeline and playback.
 * Plain constructors, nothing started.
 */
final class AddonWiring {

    /** What the edge (routes, warm-up) and the server's lifecycle use. */
    record AddonParts(WorkerPools.Pools workers, StoreAccess access, StreamLister lister, PlaybackResolver resolver,
                      StreamLinks links, ParsedTitles titles, SignalLog signalLog, Optional<AbuseWatch> abuse) {
    }

    private AddonWiring() {
    }

    static AddonParts build(Settings settings, Database database, PoolKeyCipher cipher, StoreSet stores,
                            SharedLimits shared, PoolWiring.PoolParts pool, OkHttpClient upstream, ObjectMapper mapper,
                            Clock clock, Metrics metrics, Main.Tuning tuning, String userAgent) {
        KeySource keys = metrics.meter(pool.grants());
        WorkerPools.Pools workers = WorkerPools.Pools.create();
        TorrentIndex index = new TorrentIndex(database, clock, new TorrentUrlSealer(cipher));
        PrivateTorrentLinks privateLinks = new PrivateTorrentLinks(index, Ticker.systemTicker());
        // a key failing or in cooldown is evicted on every instance, after this one's pool recorded it
        KeyProblemReporter problems = new KeyProblemReporter(pool.evictions().changes().afterKeyProblems(pool.grants()), clock);
        // abuse signals: devices and networks seen (embedded pool), and the per-key playback limit (either pool)
        SignalMetrics signalMetrics = new SignalMetrics(metrics.registry());
        StoreAccess access = new ObservedStoreAccess(new PoolStoreAccess(keys, new LegacyTokenCheck(stores, Ticker.systemTicker()),
                settings.pool().enableChillstreamsAuth(), settings.pool().enableLegacyTokens()),
                pool.admin().map(a -> new Sightings(database, clock, Ticker.systemTicker())),
                new ClientNetworks(settings.pool().poolEncryptionKey().orElseThrow()),
                new KeyPlaybacks(database, clock, settings.abuse().maxPlaybacksPerKey(), settings.abuse().thresholds().playbackWindow()),
                signalMetrics);
        SignalLog signalLog = new SignalLog(database, mapper);
        Optional<AbuseWatch> abuse = pool.admin().map(a -> new AbuseWatch(new AbuseScan(database, settings.abuse().thresholds()), signalLog, a,
                settings.abuse().autoDisable(), settings.abuse().webhookUrl().map(url -> new SignalWebhook(upstream, url, mapper,
                settings.abuse().thresholds())), signalMetrics, clock));
        ParsedTitles titles = new ParsedTitles(new TitleParser());
        metrics.monitor(titles.statistics(), "titles");
        metrics.monitor(pool.linkCache(), "links");
        TorznabClient torznab = new TorznabClient(upstream, settings.addon().streamDeadline(), userAgent);
        RecentCandidates candidates = new RecentCandidates(new IndexerCandidateSource(index,
                new TorznabSearch(torznab, workers.indexers()), OperatorUpstreams.indexers(settings), titles, workers.general(),
                privateLinks), Ticker.systemTicker());
        metrics.monitor(candidates.statistics(), "candidates");
        StreamLinks links = new StreamLinks(settings.http().baseUrl().toString());
        StreamLister lister = new StreamLister(candidates, access, new StoreCacheChecker(stores, new MagnetCache(database,
                clock, settings.addon().cachedStaleAfter(), settings.addon().uncachedStaleAfter()), problems,
                metrics.cacheCounters("magnets"), workers.general()), workers.general(), settings.addon().streamDeadline(), links);
        PlaybackResolver resolver = new PlaybackResolver(access, new StoreGateway(stores, torznab.torrents(), problems,
                privateLinks, new UserAddQuota(settings.limits().userAddsPerHour(), shared.ledger()),
                new SingleFlightAdds(shared.addClaims(), duration -> Thread.sleep(duration.toMillis()), Duration.ofMillis(250))),
                PlaybackCaches.links(pool.linkCache()), PlaybackCaches.tags(index), new FileSelector(titles.parser()),
                duration -> Thread.sleep(duration.toMillis()), tuning.polls(), tuning.pollInterval());
        return new AddonParts(workers, access, lister, resolver, links, titles, signalLog, abuse);
    }
}
