package dev.chillproxy.server;

import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.server.admin.AdminPage;
import dev.chillproxy.server.cluster.EventsRoutes;
import dev.chillproxy.server.limits.IpLimit;
import dev.chillproxy.server.limits.RateLimit;
import dev.chillproxy.server.metrics.MetricsRoutes;
import dev.chillproxy.server.pool.AdminRoutes;
import dev.chillproxy.server.pool.InternalPoolRoutes;
import dev.chillproxy.server.pool.RevokeRoutes;
import dev.chillproxy.server.signals.SignalRoutes;
import dev.chillproxy.server.stremio.ConfigureRoutes;
import dev.chillproxy.server.stremio.ManifestRoutes;
import dev.chillproxy.server.torz.PlaybackRoutes;
import dev.chillproxy.server.torz.StreamRoutes;
import dev.chillproxy.server.torz.VideoRoutes;
import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.web.Favicon;
import dev.chillproxy.server.web.HealthRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/**
 * Every URL the server answers, with its handler, who may call it and how it is rate limited: start here to find
 * the code behind a URL. Guards: {@link BearerGuard} (constant-time bearer, 401 JSON). Limits: {@link IpLimit}
 * (per client IP, 429 JSON) on pages and APIs people call. Not IP-limited: health (probes), the error videos,
 * the favicon, Stremio lists and playback (their handlers apply the IP and user limits and answer in Stremio's terms), and the
 * internal pool API (one caller per instance, behind its own key and rate). {@code {cfg}} segments are redacted
 * from request logs by route template.
 */
public final class RouteTable {

    /** The pool's routes; each is absent where it is not served (remote pool, no operator-set internal key). */
    public record PoolRoutes(Optional<AdminRoutes> admin, Optional<AdminPage> adminPage, BearerGuard adminGuard,
                             Optional<InternalPoolRoutes> internal, Optional<RevokeRoutes> revoke,
                             Optional<BearerGuard> internalGuard, RateLimit internalLimit, Optional<EventsRoutes> events,
                             Optional<SignalRoutes> signals) {
    }

    /** The addon's routes. */
    public record TorzRoutes(ManifestRoutes manifest, ConfigureRoutes configure, StreamRoutes streams,
                             PlaybackRoutes playback, VideoRoutes videos) {
    }

    private final HealthRoutes health;
    private final TorzRoutes torz;
    private final PoolRoutes pool;
    private final MetricsRoutes metrics;
    private final Optional<BearerGuard> metricsGuard;
    private final IpLimit ipLimit;

    public RouteTable(HealthRoutes health, TorzRoutes torz, PoolRoutes pool, MetricsRoutes metrics,
                      Optional<BearerGuard> metricsGuard, IpLimit ipLimit) {
        this.health = Objects.requireNonNull(health, "health");
        this.torz = Objects.requireNonNull(torz, "torz");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.metricsGuard = Objects.requireNonNull(metricsGuard, "metricsGuard");
        this.ipLimit = Objects.requireNonNull(ipLimit, "ipLimit");
    }

    public void register(RoutesConfig routes) {
        // first: Javalin tries the routes in order, and stream lists and playbacks are nearly every request
        torzStreams(routes, torz.streams(), torz.playback(), torz.videos());
        health(routes, health);
        favicon(routes, new Favicon());
        stremioPages(routes, torz.manifest(), torz.configure(), ipLimit);
        pool.admin().ifPresent(admin -> adminApi(routes, admin, pool.adminGuard(), ipLimit));
        pool.signals().ifPresent(signals -> signalsApi(routes, signals, pool.adminGuard(), ipLimit));
        pool.adminPage().ifPresent(page -> adminPage(routes, page, ipLimit));
        pool.internalGuard().ifPresent(guard ->
                internalApi(routes, pool.internal(), pool.revoke(), guard, pool.internalLimit()));
        pool.internalGuard().ifPresent(guard -> pool.events().ifPresent(events ->
                internalEvents(routes, events, guard, pool.internalLimit())));
        metrics(routes, metrics, metricsGuard);
    }

    /** Open and unlimited: load balancers and orchestrators poll them. */
    public static void health(RoutesConfig routes, HealthRoutes health) {
        routes.get("/health", health::health);
        routes.get("/v0/health", health::healthV0);
    }

    /** The browser tab icon: open and unlimited (static bytes, asked for by every page view). */
    public static void favicon(RoutesConfig routes, Favicon favicon) {
        routes.get("/favicon.ico", favicon::serve);
    }

    /** The addon's manifest and configure page: open, IP-limited. */
    public static void stremioPages(RoutesConfig routes, ManifestRoutes manifest, ConfigureRoutes configure, IpLimit ip) {
        routes.get("/stremio/torz", ip.limit(configure::toConfigure));
        routes.get("/stremio/torz/manifest.json", ip.limit(manifest::unconfigured));
        routes.get("/stremio/torz/{cfg}/manifest.json", ip.limit(manifest::configured));
        routes.get("/stremio/torz/configure", ip.limit(configure::showEmpty));
        routes.post("/stremio/torz/configure", ip.limit(configure::submit));
        routes.get("/stremio/torz/{cfg}/configure", ip.limit(configure::showConfigured));
    }

    /**
     * Stream lists and playback: open to anyone holding a config; their handlers apply the IP and user limits and
     * answer in Stremio's terms (an info stream, an error video). The error videos are open and unlimited.
     */
    public static void torzStreams(RoutesConfig routes, StreamRoutes streams, PlaybackRoutes playback, VideoRoutes videos) {
        routes.get("/stremio/torz/{cfg}/stream/{type}/{id}", streams::streams);
        for (String path : new String[] {"/stremio/torz/{cfg}/_/strem/{id}/{store}/{hash}/{fileIdx}",
                "/stremio/torz/{cfg}/_/strem/{id}/{store}/{hash}/{fileIdx}/{name}"}) {
            routes.get(path, playback::play);
            routes.head(path, playback::play);
        }
        routes.get("/v0/store/_/static/{file}", videos::serve);
        routes.head("/v0/store/_/static/{file}", videos::serve);
    }

    /** The embedded pool's admin API: {@code ADMIN_API_KEY} bearer, IP-limited. */
    public static void adminApi(RoutesConfig routes, AdminRoutes admin, BearerGuard guard, IpLimit ip) {
        String base = "/api/v1/admin";
        routes.post(base + "/pool-keys", both(ip, guard, admin::createPoolKey));
        routes.get(base + "/pool-keys", both(ip, guard, admin::listPoolKeys));
        routes.patch(base + "/pool-keys/{id}", both(ip, guard, admin::updatePoolKey));
        routes.delete(base + "/pool-keys/{id}", both(ip, guard, admin::retirePoolKey));
        routes.get(base + "/rotation", both(ip, guard, admin::rotationPlan));
        routes.get(base + "/pool-keys/{id}/health", both(ip, guard, admin::poolKeyHealth));
        routes.post(base + "/users", both(ip, guard, admin::createUser));
        routes.get(base + "/users", both(ip, guard, admin::findUsers));
        routes.get(base + "/users/{id}", both(ip, guard, admin::getUser));
        routes.patch(base + "/users/{id}", both(ip, guard, admin::setUserStatus));
        routes.delete(base + "/users/{id}/devices/{deviceId}", both(ip, guard, admin::revokeDevice));
        routes.get(base + "/usage", both(ip, guard, admin::usage));
        routes.get(base + "/stats", both(ip, guard, admin::stats));
        routes.get(base + "/instances", both(ip, guard, admin::instances));
    }

    /** The abuse signals with their evidence (embedded pool): {@code ADMIN_API_KEY} bearer, IP-limited. */
    public static void signalsApi(RoutesConfig routes, SignalRoutes signals, BearerGuard guard, IpLimit ip) {
        routes.get("/api/v1/admin/signals", both(ip, guard, signals::signals));
    }

    /** The dashboard's static page: open (it holds no secret; the operator types the admin key), IP-limited. */
    public static void adminPage(RoutesConfig routes, AdminPage page, IpLimit ip) {
        // Javalin ignores trailing slashes by default, so "/admin" also answers "/admin/"
        routes.get("/admin", ip.limit(page::index));
        routes.get("/admin/{asset}", ip.limit(page::asset));
    }

    /**
     * The internal pool API (answers plaintext pool keys; embedded pool only) and the revocation push:
     * {@code CHILLSTREAMS_API_KEY} bearer, served only when that key is set; one rate limit for all callers
     * ({@code INTERNAL_RATE_LIMIT_RPS}), since one instance calls it for all its users.
     */
    public static void internalApi(RoutesConfig routes, Optional<InternalPoolRoutes> internal, Optional<RevokeRoutes> revoke,
                                   BearerGuard guard, RateLimit limit) {
        internal.ifPresent(pool -> {
            routes.post("/api/v1/internal/pool/get-key", guard.protect(limit.limit(pool::getKey)));
            routes.post("/api/v1/internal/pool/log-usage", guard.protect(limit.limit(pool::logUsage)));
        });
        revoke.ifPresent(push -> routes.post("/api/v1/internal/revoke", guard.protect(push::revoke)));
    }

    /** This instance's revocations as Server-Sent Events, for instances using it as their Chillstreams. */
    public static void internalEvents(RoutesConfig routes, EventsRoutes events, BearerGuard guard, RateLimit limit) {
        routes.get("/api/v1/internal/events", guard.protect(limit.limit(events::events)));
    }

    /** Prometheus scrape: {@code METRICS_TOKEN} bearer when set, open otherwise. */
    public static void metrics(RoutesConfig routes, MetricsRoutes metrics, Optional<BearerGuard> guard) {
        routes.get("/metrics", guard.map(g -> g.protect(metrics::scrape)).orElse(metrics::scrape));
    }

    private static Handler both(IpLimit ip, BearerGuard guard, Handler handler) {
        return ip.limit(guard.protect(handler));
    }
}
