package dev.chillproxy.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.chillstreams.embedded.KeyHealthChecker;
import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.PoolChanges;
import dev.chillproxy.chillstreams.embedded.PoolKeyView;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.grant.GrantCache;
import dev.chillproxy.chillstreams.outbox.UsageOutbox;
import dev.chillproxy.chillstreams.remote.ChillstreamsClient;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.server.pool.AdminRoutes;
import dev.chillproxy.server.pool.InternalPoolRoutes;
import dev.chillproxy.server.pool.RevokeRoutes;
import dev.chillproxy.server.pool.TorBoxKeyProbe;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.store.Store;
import okhttp3.OkHttpClient;

/**
 * The pool half of the composition root: the embedded pool (default) or a remote Chillstreams, the grant cache
 * in front of it, the usage outbox (durable and delivered in remote mode, a direct insert in embedded mode), key
 * health checks, and the pool's routes. Admin changes evict cached grants at once, so revocation stays instant with
 * caching on. {@link #migrations} names what the database needs before {@link #create}.
 */
public final class PoolComponents implements AutoCloseable {

    private static final Duration LEFTOVER_DRAIN = Duration.ofSeconds(10);

    private final GrantCache grants;
    private final UsageOutbox outbox;
    /** Embedded mode: outbox rows an older version left, delivered into the usage log once at start; else null. */
    private final UsageOutbox leftovers;
    private final KeyHealthChecker health;
    private final PoolAdmin admin;
    private final List<RouteGroup> routes;

    private PoolComponents(GrantCache grants, UsageOutbox outbox, UsageOutbox leftovers, KeyHealthChecker health,
                           PoolAdmin admin, List<RouteGroup> routes) {
        this.grants = grants;
        this.outbox = outbox;
        this.leftovers = leftovers;
        this.health = health;
        this.admin = admin;
        this.routes = List.copyOf(routes);
    }

    /**
     * The migrations the pool needs in this mode, for the composition root to apply once before {@link #create}:
     * the outbox table in remote mode; the pool's tables in embedded mode, plus the outbox table whose rows an older
     * version may have left.
     */
    public static List<String> migrations(Settings settings) {
        if (!settings.embeddedPool()) {
            return UsageOutbox.MIGRATIONS;
        }
        List<String> names = new ArrayList<>(EmbeddedPool.MIGRATIONS);
        names.addAll(UsageOutbox.MIGRATIONS);
        return List.copyOf(names);
    }

    /** @param torbox the store whose {@code user/me} validates pool keys */
    public static PoolComponents create(Settings settings, Database database, OkHttpClient http, ObjectMapper mapper,
                                        Store torbox, Clock clock) {
        // until the composition root applies every module's migrations in one place, the pool's are applied here
        migrations(settings).forEach(database::migrate);
        List<RouteGroup> routes = new ArrayList<>();
        if (!settings.embeddedPool()) {
            ApiKey internalKey = settings.chillstreamsApiKey().orElseThrow();
            ChillstreamsClient remote = new ChillstreamsClient(settings.chillstreamsApiUrl().orElseThrow().toString(),
                    internalKey, http, mapper);
            GrantCache grants = new GrantCache(remote, ChillstreamsClient.keyProblemsStayRemote(), settings.poolGrantTtl());
            routes.add(new RevokeRoutes(grants, internalKey, mapper)::register);
            return new PoolComponents(grants, UsageOutbox.durable(database, remote, clock), null, null, null, routes);
        }
        PoolKeyCipher cipher = PoolKeyCipher.of(settings.poolEncryptionKey().orElseThrow().reveal());
        TorBoxKeyProbe probe = new TorBoxKeyProbe(torbox, clock);
        // a store's 401/403 marks a key failing only when user/me confirms it
        EmbeddedPool pool = new EmbeddedPool(database, cipher, clock, settings.torboxMaxDevicesPerUser(),
                settings.deviceIdleRelease(), probe);
        GrantCache grants = new GrantCache(pool, pool, settings.poolGrantTtl());
        PoolAdmin admin = new PoolAdmin(database, cipher, clock, probe, new GrantEvictions(grants));
        // the internal API answers plaintext pool keys: served only to a caller the operator gave a key to
        settings.chillstreamsApiKey().ifPresent(internalKey -> {
            routes.add(new InternalPoolRoutes(pool, internalKey, mapper, settings.internalRateLimitRps())::register);
            routes.add(new RevokeRoutes(grants, internalKey, mapper)::register);
        });
        routes.add(new AdminRoutes(admin, settings.adminApiKey().orElseThrow(), mapper)::register);
        KeyHealthChecker health = new KeyHealthChecker(database, cipher, probe, clock, settings.poolHealthCheckInterval());
        return new PoolComponents(grants, UsageOutbox.direct(pool, clock), UsageOutbox.durable(database, pool, clock),
                health, admin, routes);
    }

    /** The pool as the stream and playback paths use it: grants cached, key problems reported through. */
    public GrantCache grants() {
        return grants;
    }

    /** Pool keys per health status, for the metrics gauge; empty with a remote pool (it keeps its own keys). */
    public Optional<Supplier<Map<String, Long>>> keyHealthCounts() {
        if (admin == null) {
            return Optional.empty();
        }
        return Optional.of(() -> admin.listPoolKeys().stream()
                .collect(Collectors.groupingBy(PoolKeyView::status, Collectors.counting())));
    }

    public UsageOutbox outbox() {
        return outbox;
    }

    public List<RouteGroup> routes() {
        return routes;
    }

    /** Starts the background work: outbox delivery and periodic key checks. */
    public void start() {
        if (leftovers != null) {
            leftovers.drain(LEFTOVER_DRAIN);
        }
        outbox.start();
        if (health != null) {
            health.start();
        }
    }

    /** Stops key checks and drains the outbox (up to 10 s); call after the HTTP server stopped. */
    @Override
    public void close() {
        if (health != null) {
            health.close();
        }
        outbox.close();
    }

    /** Admin changes forget the affected cached grants. */
    private record GrantEvictions(GrantCache grants) implements PoolChanges {
        @Override
        public void userChanged(String userId) {
            grants.evictUser(userId);
        }

        @Override
        public void keyRetired(String poolKeyId) {
            grants.evictKey(poolKeyId);
        }
    }
}
