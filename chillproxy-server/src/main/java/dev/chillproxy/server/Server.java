package dev.chillproxy.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.server.admin.AdminPage;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.server.torz.TorzComponents;
import dev.chillproxy.server.stremio.ConfigureRoutes;
import dev.chillproxy.server.stremio.ManifestRoutes;
import dev.chillproxy.store.StoreName;
import dev.chillproxy.store.StoreSet;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
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
    private final OkHttpClient http;

    private Server(AppDependencies dependencies, PoolComponents pool, TorzComponents torz, OkHttpClient http) {
        this.dependencies = dependencies;
        this.pool = pool;
        this.torz = torz;
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
        StoreSet stores = StoreSet.create(http, mapper, settings.upstreams(), userAgent);
        PoolComponents pool = PoolComponents.create(settings, database, http, mapper, stores.get(StoreName.TORBOX), clock);
        TorzComponents torz = TorzComponents.create(settings, database, http, stores, pool.pool(), pool.outbox(), clock,
                userAgent, tuning);
        List<RouteGroup> routes = new ArrayList<>();
        routes.add(new ManifestRoutes(version, settings.trustedProxies()));
        routes.add(new ConfigureRoutes(settings.baseUrl()));
        routes.addAll(torz.routes());
        routes.addAll(pool.routes());
        if (settings.embeddedPool()) {
            routes.add(new AdminPage()::register);
        }
        return new Server(new AppDependencies(settings, database, mapper, routes), pool, torz, http);
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
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
