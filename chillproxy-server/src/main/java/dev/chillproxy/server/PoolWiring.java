package dev.chillproxy.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.chillstreams.cluster.CacheEvictions;
import dev.chillproxy.chillstreams.cluster.EvictionBus;
import dev.chillproxy.chillstreams.cluster.FeedStatus;
import dev.chillproxy.chillstreams.cluster.RevocationStream;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.chillstreams.embedded.KeyHealthChecker;
import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.PoolKeyView;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.grant.GrantCache;
import dev.chillproxy.chillstreams.outbox.UsageJournal;
import dev.chillproxy.chillstreams.outbox.UsageOutbox;
import dev.chillproxy.chillstreams.remote.ChillstreamsClient;
import dev.chillproxy.chillstreams.remote.ChillstreamsEvents;
import dev.chillproxy.core.torz.PlaybackPorts;
import dev.chillproxy.server.metrics.Metrics;
import dev.chillproxy.server.pool.InternalPoolRoutes;
import dev.chillproxy.server.pool.StoreKeyProbe;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.server.torz.PlaybackCaches;
import dev.chillproxy.server.web.BearerGuard;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's part of the composition root ({@link Main#build}): the embedded pool on this database or a remote
 * Chillstreams, the grant cache in front of either, the usage outbox, the revocation feeds and the caches a
 * revocation reaches, with their metrics. Plain constructors, nothing started.
 */
final class PoolWiring {

    private static final Logger LOG = LoggerFactory.getLogger(PoolWiring.class);

    /** What the rest of the wiring uses; each optional part is absent where it is not served (remote pool, no internal key). */
    record PoolParts(GrantCache grants, EvictionBus evictions, UsageOutbox usage, Optional<UsageOutbox> leftovers,
                     Optional<PoolAdmin> admin, Optional<KeyHealthChecker> health,
                     Optional<InternalPoolRoutes> internalRoutes, Optional<ChillstreamsEvents> remoteEvents,
                     RevocationStream revocations, Cache<String, PlaybackPorts.ResolvedLink> linkCache,
                     Optional<BearerGuard> internalGuard) {
    }

    private PoolWiring() {
    }

    static PoolParts build(Settings settings, Database database, PoolKeyCipher cipher, StoreKeyProbe probe,
                           OkHttpClient upstream, ObjectMapper mapper, Clock clock, Metrics metrics) {
        Optional<BearerGuard> internalGuard = settings.pool().chillstreamsApiKey()
                .map(key -> new BearerGuard(key, "CHILLSTREAMS_API_KEY"));
        // revocations reach every instance on this database; until this one listens, cached grants are not trusted
        FeedStatus clusterFeed = EvictionBus.feedFor(database);
        Cache<String, PlaybackPorts.ResolvedLink> linkCache = PlaybackCaches.linkCache();
        // every revocation this instance sees is also served to instances that use it as their Chillstreams
        RevocationStream revocations = new RevocationStream(clock.millis());
        GrantCache grants;
        EvictionBus evictions;
        UsageOutbox usage;
        Optional<UsageOutbox> leftovers = Optional.empty();
        Optional<PoolAdmin> admin = Optional.empty();
        Optional<KeyHealthChecker> health = Optional.empty();
        Optional<InternalPoolRoutes> internalRoutes = Optional.empty();
        Optional<ChillstreamsEvents> remoteEvents = Optional.empty();
        if (settings.embeddedPool()) {
            // a store's 401/403 marks a key failing only when the key's service's account call confirms it
            EmbeddedPool embedded = new EmbeddedPool(database, cipher, clock, settings.pool().torboxMaxDevicesPerUser(),
                    settings.pool().deviceIdleRelease(), probe);
            grants = new GrantCache(embedded, embedded, settings.pool().poolGrantTtl(), Ticker.systemTicker(), clusterFeed);
            evictions = EvictionBus.of(database, clusterFeed, new LocalCaches(grants, linkCache, revocations));
            // usage events journaled, then moved straight into the usage log; rows an older version left in the outbox
            // table are delivered once at start
            usage = UsageOutbox.direct(embedded, clock, usageJournal(settings));
            leftovers = Optional.of(UsageOutbox.durable(database, embedded, clock));
            admin = Optional.of(new PoolAdmin(database, cipher, clock, probe, evictions.changes(),
                    settings.pool().poolRotationInterval()));
            StartChecks.requireKeysOpen(admin.get(), settings);
            health = Optional.of(new KeyHealthChecker(database, cipher, probe, clock, settings.pool().poolHealthCheckInterval(),
                    evictions.changes(), admin.get()));
            // the internal API answers plaintext pool keys: served only to a caller the operator gave a key to
            // get-key through the same grant cache as the addon: a known device is answered from memory
            internalRoutes = settings.pool().chillstreamsApiKey().map(key ->
                    new InternalPoolRoutes(grants, embedded, mapper, clock));
        } else {
            ChillstreamsClient remote = new ChillstreamsClient(settings.pool().chillstreamsApiUrl().orElseThrow().toString(),
                    settings.pool().chillstreamsApiKey().orElseThrow(), upstream, mapper);
            // Chillstreams pushes its revocations over an event stream; cached grants are trusted while it is connected
            FeedStatus remoteFeed = FeedStatus.connecting();
            grants = new GrantCache(remote, ChillstreamsClient.keyProblemsStayRemote(), settings.pool().poolGrantTtl(),
                    Ticker.systemTicker(), () -> clusterFeed.isUp() && remoteFeed.isUp());
            LocalCaches caches = new LocalCaches(grants, linkCache, revocations);
            evictions = EvictionBus.of(database, clusterFeed, caches);
            remoteEvents = Optional.of(new ChillstreamsEvents(settings.pool().chillstreamsApiUrl().orElseThrow().toString(),
                    settings.pool().chillstreamsApiKey().orElseThrow(), upstream, mapper, caches, remoteFeed));
            usage = UsageOutbox.durable(database, remote, clock, usageJournal(settings));
        }
        metrics.monitor(grants.statistics(), "grants");
        metrics.revocationFeed(grants::trustsCachedGrants);
        metrics.outboxDepth(usage::depth);
        metrics.outboxLastDelivery(usage::lastDelivery);
        admin.ifPresent(a -> metrics.poolKeyHealth(keyHealthCounts(a)));
        return new PoolParts(grants, evictions, usage, leftovers, admin, health, internalRoutes, remoteEvents, revocations,
                linkCache, internalGuard);
    }

    /** The usage journal in the data folder, or null where it cannot be opened: then each list waits for its commit. */
    private static UsageJournal usageJournal(Settings settings) {
        Path folder = settings.storage().dataDir().resolve("usage-journal");
        try {
            return UsageJournal.open(folder);
        } catch (IOException | RuntimeException e) {
            LOG.warn("usage journal: cannot open {} ({}); every usage event waits for its database commit instead",
                    folder, e.getClass().getSimpleName());
            return null;
        }
    }

    /** Pool keys per health status, and how many are due for rotation, for the metrics gauges. */
    private static Supplier<Map<String, Long>> keyHealthCounts(PoolAdmin admin) {
        return () -> {
            List<PoolKeyView> keys = admin.listPoolKeys();
            Map<String, Long> counts = new HashMap<>(keys.stream()
                    .collect(Collectors.groupingBy(PoolKeyView::status, Collectors.counting())));
            counts.put("rotation-due", keys.stream().filter(PoolKeyView::rotationDue).count());
            return counts;
        };
    }

    /**
     * This instance's caches a revocation reaches: the grants, the links resolved with a key that went, and the
     * event stream served to other instances.
     */
    private record LocalCaches(GrantCache grants, Cache<String, PlaybackPorts.ResolvedLink> links,
                               RevocationStream served) implements CacheEvictions {
        @Override
        public void evictUser(String userId) {
            grants.evictUser(userId);
            served.evictUser(userId);
        }

        @Override
        public void evictKey(String poolKeyId) {
            grants.evictKey(poolKeyId);
            // PlaybackResolver's link key is "<store>:<keyId>:<hash>:…"
            links.asMap().keySet().removeIf(linkKey -> linkKey.startsWith(poolKeyId + ":", linkKey.indexOf(':') + 1));
            served.evictKey(poolKeyId);
        }

        @Override
        public void evictAll() {
            grants.evictAll();
        }
    }
}
