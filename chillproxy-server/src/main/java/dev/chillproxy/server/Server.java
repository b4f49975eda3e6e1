package dev.chillproxy.server;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import dev.chillproxy.chillstreams.embedded.KeyHealthChecker;
import dev.chillproxy.chillstreams.grant.GrantCache;
import dev.chillproxy.chillstreams.outbox.UsageOutbox;
import dev.chillproxy.server.cluster.ClusterParts;
import dev.chillproxy.server.metrics.Metrics;
import dev.chillproxy.server.signals.AbuseWatch;
import dev.chillproxy.server.redis.SharedLimits;
import dev.chillproxy.server.torz.AnimeMappingLoader;
import dev.chillproxy.server.torz.WorkerPools;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import okhttp3.OkHttpClient;

/**
 * What {@link Main#build} made, with its lifecycle: the app factory, the background work (usage delivery, key
 * health checks) and what must be released at shutdown.
 */
public final class Server implements AutoCloseable {

    /** How long start-up waits for usage rows an older version left in the outbox table (embedded pool). */
    private static final Duration LEFTOVER_DRAIN = Duration.ofSeconds(10);

    private final AppDependencies dependencies;
    private final GrantCache grants;
    private final UsageOutbox outbox;
    private final Optional<UsageOutbox> leftovers;
    private final Optional<KeyHealthChecker> health;
    private final AnimeMappingLoader anime;
    private final WorkerPools.Pools workers;
    private final Metrics metrics;
    private final OkHttpClient http;
    private final SharedLimits limits;
    private final ClusterParts cluster;
    private final Optional<AbuseWatch> abuse;

    Server(AppDependencies dependencies, GrantCache grants, UsageOutbox outbox, Optional<UsageOutbox> leftovers,
           Optional<KeyHealthChecker> health, AnimeMappingLoader anime,
           WorkerPools.Pools workers, Metrics metrics, OkHttpClient http, SharedLimits limits, ClusterParts cluster,
           Optional<AbuseWatch> abuse) {
        this.abuse = abuse;
        this.dependencies = dependencies;
        this.grants = grants;
        this.outbox = outbox;
        this.leftovers = leftovers;
        this.health = health;
        this.anime = anime;
        this.workers = workers;
        this.metrics = metrics;
        this.http = http;
        this.limits = limits;
        this.cluster = cluster;
    }

    /** An unstarted app; {@code customizer} runs last (Main's stop timeout, a test's extra routes). */
    public Javalin app(Consumer<JavalinConfig> customizer) {
        return App.create(dependencies, config -> {
            config.events.serverStopping(cluster::endStreams); // served event streams would hold the graceful stop
            customizer.accept(config);
        });
    }

    public UsageOutbox outbox() {
        return outbox;
    }

    /** The abuse scan (embedded pool), for tests that run one at once instead of waiting for the next. */
    public Optional<AbuseWatch> abuse() {
        return abuse;
    }

    /**
     * Starts the background work: the instance heartbeat, the revocation feeds, usage delivery, periodic key checks and
     * abuse scans, the daily anime mapping download.
     */
    public void start() {
        cluster.start();
        leftovers.ifPresent(old -> old.drain(LEFTOVER_DRAIN));
        outbox.start();
        health.ifPresent(KeyHealthChecker::start);
        abuse.ifPresent(AbuseWatch::start);
        anime.start(Duration.ofDays(1));
    }

    /** Stops the background work, drains usage events (up to 10 s) and releases the HTTP client; call after the app stopped. */
    @Override
    public void close() {
        workers.close();
        anime.close();
        cluster.close();
        health.ifPresent(KeyHealthChecker::close);
        abuse.ifPresent(AbuseWatch::close);
        grants.flushRequestCounts(); // requests answered from cached grants, not yet added to the devices' counts
        outbox.close();
        metrics.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        limits.close();
    }
}
