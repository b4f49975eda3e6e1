package dev.chillproxy.server;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.chillstreams.cluster.InstanceRegistry;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.server.admin.AdminPage;
import dev.chillproxy.server.cluster.ClusterParts;
import dev.chillproxy.server.cluster.EventsRoutes;
import dev.chillproxy.server.limits.ClientIp;
import dev.chillproxy.server.limits.IpLimit;
import dev.chillproxy.server.limits.RateLimit;
import dev.chillproxy.server.limits.RequestLimits;
import dev.chillproxy.server.limits.StremioRateLimit;
import dev.chillproxy.server.metrics.Metrics;
import dev.chillproxy.server.net.LocalAddressGuard;
import dev.chillproxy.server.net.OperatorEndpoints;
import dev.chillproxy.server.pool.AdminRoutes;
import dev.chillproxy.server.pool.RevokeRoutes;
import dev.chillproxy.server.pool.StoreKeyProbe;
import dev.chillproxy.server.redis.SharedLimits;
import dev.chillproxy.server.settings.GeneratedSecrets;
import dev.chillproxy.server.settings.InvalidSettingsException;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.server.signals.SignalRoutes;
import dev.chillproxy.server.stremio.ConfigureRoutes;
import dev.chillproxy.server.stremio.ManifestRoutes;
import dev.chillproxy.server.torz.AnimeMappingLoader;
import dev.chillproxy.server.torz.ClientContexts;
import dev.chillproxy.server.torz.PlaybackRoutes;
import dev.chillproxy.server.torz.StreamAnswers;
import dev.chillproxy.server.torz.StreamRoutes;
import dev.chillproxy.server.torz.UsageEvents;
import dev.chillproxy.server.torz.VideoRoutes;
import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.web.HealthRoutes;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.registry.StoreSet;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: {@link #main} reads the settings and opens the database; {@link #build} applies every
 * module's migrations and builds every object with plain constructors (the pool's in {@link PoolWiring}, the
 * addon's in {@link AddonWiring}), ending in the {@link RouteTable}. Tests
 * call {@link #build} too, so they run the production wiring. The only class that starts the server.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** In-flight requests get this long to finish after SIGTERM. */
    private static final int STOP_TIMEOUT_MS = 10_000;

    /** How playback waits for a torrent the store is still fetching: {@code polls} looks, {@code interval} apart. */
    public record Tuning(int polls, Duration pollInterval) {
        public static final Tuning DEFAULT = new Tuning(3, Duration.ofSeconds(5));
    }

    private Main() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        String databaseUrl = System.getenv().getOrDefault("DATABASE_URL", "").trim();
        boolean sqliteLikely = databaseUrl.isEmpty() || databaseUrl.startsWith("sqlite:");
        CompletableFuture<OkHttpClient> http = StartWarmup.preload(sqliteLikely);
        Settings settings;
        try {
            settings = new GeneratedSecrets().fill(Settings.fromEnvironment(System.getenv()));
        } catch (InvalidSettingsException e) {
            e.problems().forEach(problem -> LOG.error("invalid setting: {}", problem));
            LOG.error("start-up stopped: fix the variables above");
            System.exit(2);
            return;
        }
        LOG.info("starting with {}", settings);
        try {
            run(settings, new StartTimes(started, startedAt), http);
        } catch (StartRefusedException e) {
            LOG.error("start-up stopped: {}", e.getMessage());
            System.exit(1);
        }
    }

    static void run(Settings settings, StartTimes times, CompletableFuture<OkHttpClient> preloadedHttp) {
        // the port first: a taken port stops start-up before any migration runs
        StartChecks.requirePortFree(settings.http().bindAddress(), settings.http().port());
        String version = AppVersion.read();
        Database database = Database.open(settings.storage().databaseUrl());
        times.mark("database");
        LOG.info("database ready: {}", settings.storage().databaseUrl());
        Server server;
        try {
            OkHttpClient http = preloadedHttp.exceptionally(failed -> new OkHttpClient()).join();
            server = build(settings, database, http, Clock.systemUTC(), version, Tuning.DEFAULT);
            times.mark("migrations and wiring");
        } catch (StartRefusedException e) {
            database.close();
            throw e;
        }
        Javalin app = server.app(config -> config.jetty.modifyServer(jetty -> jetty.setStopTimeout(STOP_TIMEOUT_MS)));
        try {
            app.start(settings.http().bindAddress(), settings.http().port());
        } catch (JavalinBindException e) {
            // another process took the port between the check and here
            server.close();
            database.close();
            throw StartChecks.portTaken(settings.http().bindAddress(), settings.http().port());
        }
        times.mark("http");
        // registered once listening: a failed start is no signal and has nothing in flight to finish
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("SIGTERM: finishing in-flight requests (up to {} ms), then draining usage events", STOP_TIMEOUT_MS);
            app.stop();
            server.close();
            database.close();
            LOG.info("stopped");
        }, "chillproxy-shutdown"));
        server.start();
        server.warmUp();
        times.mark("background work");
        LOG.info("ready on {}:{} in {} ms from launch, {} ms of CPU ({}; {})", settings.http().bindAddress(), app.port(),
                times.sinceLaunchMs(), StartTimes.processCpuMs(), times, settings.http().baseUrl());
    }

    /** Every object the server runs, over a database this method migrates; nothing is started yet. */
    public static Server build(Settings settings, Database database, OkHttpClient http, Clock clock, String version,
                               Tuning tuning) {
        Migrations.apply(database, Migrations.owners(settings.embeddedPool()), version, clock);
        ObjectMapper mapper = objectMapper();
        String userAgent = "chillproxy/" + version;
        Metrics metrics = new Metrics();
        // one outbound client: users' URLs cannot reach this machine, every upstream call is metered
        OkHttpClient upstream = new LocalAddressGuard(Dns.SYSTEM, OperatorEndpoints.of(OperatorUpstreams.urls(settings)))
                .install(http.newBuilder()).addInterceptor(metrics.upstream(OperatorUpstreams.services(settings))).build();
        // the instances on this database (heartbeat); "shared limits" means REDIS_URL is configured on that instance
        InstanceRegistry instances = new InstanceRegistry(database, clock, version,
                () -> settings.limits().redisUrl().isPresent());
        // key budgets, rate limits, add quotas, breaker state and add claims: in Redis for every instance when
        // REDIS_URL is set; while it is unreachable each instance keeps its share of the live instances
        SharedLimits shared = SharedLimits.of(settings.limits().redisUrl(), instances::liveInstances, clock,
                Ticker.systemTicker());
        StoreSet stores = StoreSet.create(upstream, mapper, settings.outbound().upstreams(), userAgent,
                shared.resilience(ResilienceSettings.defaults()));
        metrics.circuitBreakers(stores);

        // the pool: embedded on this database, or a remote Chillstreams; grants cached in front of either
        PoolKeyCipher cipher = PoolKeyCipher.of(settings.pool().poolEncryptionKey().orElseThrow().reveal());
        StoreKeyProbe probe = new StoreKeyProbe(stores, clock);
        PoolWiring.PoolParts pool = PoolWiring.build(settings, database, cipher, probe, upstream, mapper, clock, metrics);

        // the addon: candidates (local index, indexers), store access through the pool, lists and playback
        AddonWiring.AddonParts addon = AddonWiring.build(settings, database, cipher, stores, shared, pool, upstream, mapper,
                clock, metrics, tuning, userAgent);

        // the edge: limits, handlers and the route table
        ClientIp clientIp = new ClientIp(settings.http().trustedProxies());
        RequestLimits limits = new RequestLimits(settings, shared.rateBuckets());
        StremioRateLimit stremioLimit = new StremioRateLimit(limits, clientIp);
        ClientContexts clients = new ClientContexts(clientIp);
        StreamAnswers answers = new StreamAnswers(mapper, Ticker.systemTicker());
        metrics.monitor(answers.statistics(), "answers");
        UsageEvents usageEvents = new UsageEvents(pool.usage(), clock);
        VideoRoutes videos = new VideoRoutes(settings.http().baseUrl().toString());
        AnimeMappingLoader anime = new AnimeMappingLoader(upstream, settings.outbound().animeMappingUrl(), settings.storage().dataDir(),
                AnimeMappingLoader.MAX_BYTES);
        RouteTable.TorzRoutes torz = new RouteTable.TorzRoutes(new ManifestRoutes(version, settings.http().trustedProxies(), settings.outbound().animeMappingUrl().isPresent()),
                new ConfigureRoutes(settings.http().baseUrl()),
                new StreamRoutes(addon.lister(), addon.access(), answers, clients, usageEvents, addon.links(), videos, stremioLimit,
                        settings.addon().enableP2p(), anime::resolve, addon.workers().refreshes()),
                new PlaybackRoutes(addon.resolver(), clients, usageEvents, videos, stremioLimit), videos);
        RouteTable.PoolRoutes poolRoutes = new RouteTable.PoolRoutes(pool.admin().map(a -> new AdminRoutes(a, mapper, instances, pool.usage()::flush)),
                pool.admin().map(a -> new AdminPage()), new BearerGuard(settings.pool().adminApiKey().orElseThrow(), "ADMIN_API_KEY"),
                pool.internalRoutes(), pool.internalGuard().map(guard -> new RevokeRoutes(pool.evictions().changes(), mapper)), pool.internalGuard(),
                new RateLimit(settings.limits().internalRateLimitRps(), Ticker.systemTicker()),
                pool.internalRoutes().map(routes -> new EventsRoutes(pool.revocations(), mapper)),
                pool.admin().map(a -> new SignalRoutes(addon.signalLog(), settings.abuse().thresholds(), settings.abuse().autoDisable(), clock)));
        RouteTable routes = new RouteTable(new HealthRoutes(database, shared::mode, pool.grants()::trustsCachedGrants), torz, poolRoutes, metrics.routes(),
                settings.http().metricsToken().map(token -> new BearerGuard(token, "METRICS_TOKEN")), new IpLimit(limits, clientIp));
        return new Server(new AppDependencies(settings, database, mapper, routes::register, metrics.httpRequests()), pool.grants(), pool.usage(),
                pool.leftovers(), pool.health(), anime, addon.workers(), metrics, http, shared,
                new ClusterParts(pool.evictions(), pool.remoteEvents(), instances, pool.revocations()), addon.abuse(),
                () -> StartWarmup.exercise(answers, addon.titles().parser(), addon.links()));
    }

    /** The one mapper: lenient on unknown upstream fields, shared by Javalin and the adapters. */
    static ObjectMapper objectMapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
