package dev.chillproxy.server;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.server.admin.AdminPage;
import dev.chillproxy.server.limits.ClientIp;
import dev.chillproxy.server.limits.IpRateLimit;
import dev.chillproxy.server.limits.RequestLimits;
import dev.chillproxy.server.limits.StremioRateLimit;
import dev.chillproxy.server.metrics.Metrics;
import dev.chillproxy.server.metrics.UpstreamServices;
import dev.chillproxy.server.net.LocalAddressGuard;
import dev.chillproxy.server.net.OperatorEndpoints;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.server.torz.TorzComponents;
import dev.chillproxy.server.stremio.ConfigureRoutes;
import dev.chillproxy.server.stremio.ManifestRoutes;
import dev.chillproxy.store.StoreName;
import dev.chillproxy.store.StoreSet;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * Everything the server runs, built with plain constructors from the settings and the shared clients; the same
 * wiring serves {@code Main} and the end-to-end tests (which pass fakes' URLs in the settings). Owns the
 * background work and the shared HTTP client's lifecycle.
 */
public final class Server implements AutoCloseable {

    private final AppDependencies dependencies;
    private final PoolComponents pool;
    private final TorzComponents torz;
    private final Metrics metrics;
    private final OkHttpClient http;

    private Server(AppDependencies dependencies, PoolComponents pool, TorzComponents torz, Metrics metrics,
                   OkHttpClient http) {
        this.dependencies = dependencies;
        this.pool = pool;
        this.torz = torz;
        this.metrics = metrics;
        this.http = http;
    }

    /** @param settings with generated secrets filled in */
    public static Server build(Settings settings, Database database, ObjectMapper mapper, OkHttpClient http, Clock clock,
                               String version) {
        return build(settings, database, mapper, http, clock, version, TorzComponents.Tuning.DEFAULT);
    }

    /** @param tuning playback's wait for torrents still downloading (tests shorten it) */
    public static Server build(Settings settings, Database database, ObjectMapper mapper, OkHttpClient http, Clock clock,
                               String version, TorzComponents.Tuning tuning) {
        String userAgent = "chillproxy/" + version;
        Metrics metrics = new Metrics();
        LocalAddressGuard guard = new LocalAddressGuard(Dns.SYSTEM, OperatorEndpoints.of(operatorUrls(settings)));
        OkHttpClient metered = guard.install(http.newBuilder())
                .addInterceptor(metrics.upstream(upstreamServices(settings))).build();
        StoreSet stores = StoreSet.create(metered, mapper, settings.upstreams(), userAgent);
        PoolComponents pool = PoolComponents.create(settings, database, metered, mapper, stores.get(StoreName.TORBOX), clock);
        metrics.monitor(pool.grants().statistics(), "grants");
        metrics.outboxDepth(pool.outbox()::depth);
        metrics.outboxLastDelivery(pool.outbox()::lastDelivery);
        pool.keyHealthCounts().ifPresent(metrics::poolKeyHealth);
        RequestLimits limits = new RequestLimits(settings, Ticker.systemTicker());
        ClientIp clientIp = new ClientIp(settings.trustedProxies());
        TorzComponents torz = TorzComponents.create(settings, database, metered, stores, metrics.meter(pool.grants()),
                pool.grants(), pool.outbox(), new TorzComponents.Shared(clock, userAgent, metrics, clientIp,
                        new StremioRateLimit(limits, clientIp)), tuning);
        List<RouteGroup> routes = new ArrayList<>();
        routes.add(new IpRateLimit(limits, clientIp));
        routes.add(new ManifestRoutes(version, settings.trustedProxies()));
        routes.add(new ConfigureRoutes(settings.baseUrl()));
        routes.addAll(torz.routes());
        routes.addAll(pool.routes());
        routes.add(metrics.routes(settings.metricsToken())::register);
        if (settings.embeddedPool()) {
            routes.add(new AdminPage()::register);
        }
        return new Server(new AppDependencies(settings, database, mapper, routes, metrics.httpRequests()), pool, torz,
                metrics, http);
    }

    /** URLs the operator configured; only their host:port pairs may be local addresses (users' URLs may not). */
    private static List<String> operatorUrls(Settings settings) {
        List<String> urls = new ArrayList<>(List.of(settings.upstreams().torbox(), settings.upstreams().realDebrid(),
                settings.upstreams().allDebrid(), settings.upstreams().premiumize(), settings.upstreams().debridLink()));
        settings.torznabIndexers().forEach(url -> urls.add(url.toString()));
        settings.localUrlsAllowed().forEach(url -> urls.add(url.toString()));
        settings.prowlarrUrl().ifPresent(url -> urls.add(url.toString()));
        settings.chillstreamsApiUrl().ifPresent(url -> urls.add(url.toString()));
        return urls;
    }

    /** Which upstream a call goes to, for metric labels (never the URL itself). */
    private static UpstreamServices upstreamServices(Settings settings) {
        List<URI> indexers = new ArrayList<>(settings.torznabIndexers());
        settings.prowlarrUrl().ifPresent(indexers::add);
        return UpstreamServices.of(settings.upstreams(), indexers, settings.chillstreamsApiUrl());
    }

    /** An unstarted app; {@code customizer} runs last (Main's stop timeout). */
    public Javalin app(Consumer<JavalinConfig> customizer) {
        return App.create(dependencies, customizer);
    }

    public PoolComponents pool() {
        return pool;
    }

    public void start() {
        pool.start();
    }

    /** Drains usage events and releases the HTTP client; call after the app stopped. */
    @Override
    public void close() {
        torz.close();
        pool.close();
        metrics.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
