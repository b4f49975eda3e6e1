package dev.chillproxy.chillstreams.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.DatabaseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances sharing this database: each registers itself under a random id at start and beats every
 * {@link #HEARTBEAT}; one not seen for {@link #LIVE_WINDOW} counts as gone and its row is deleted after
 * {@link #FORGET_AFTER}. {@link #liveInstances} is read per request by whoever divides budgets among instances, so it
 * answers the count of the last heartbeat, not a query. Thread-safe.
 */
public final class InstanceRegistry implements AutoCloseable {

    /** The owner of the {@code cluster_instances} table's migrations. */
    public static final String MIGRATIONS = "cluster";
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration LIVE_WINDOW = Duration.ofSeconds(60);
    static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(InstanceRegistry.class);

    private final Database database;
    private final Clock clock;
    private final String id = UUID.randomUUID().toString();
    private final String version;
    private final BooleanSupplier sharedLimits;
    private final Instant startedAt;
    private volatile int live = 1;
    private ScheduledExecutorService scheduler;

    /** @param sharedLimits whether this instance shares its limits with the others (Redis); read at each beat */
    public InstanceRegistry(Database database, Clock clock, String version, BooleanSupplier sharedLimits) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.version = Objects.requireNonNull(version, "version");
        this.sharedLimits = Objects.requireNonNull(sharedLimits, "sharedLimits");
        this.startedAt = clock.instant();
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    /** Registers now, then beats every {@link #HEARTBEAT} on a daemon thread. */
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "cluster-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::beatSafely, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Records this instance as seen now, forgets long-gone ones and counts the live ones. */
    public void beat() {
        long now = clock.millis();
        database.jdbi().useTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE cluster_instances SET last_seen_at = :now, shared_limits = :shared"
                            + " WHERE id = :id")
                    .bind("now", now).bind("shared", sharedLimits.getAsBoolean()).bind("id", id).execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO cluster_instances (id, version, started_at, last_seen_at, shared_limits)"
                                + " VALUES (:id, :version, :started, :now, :shared)")
                        .bind("id", id).bind("version", version).bind("started", startedAt.toEpochMilli())
                        .bind("now", now).bind("shared", sharedLimits.getAsBoolean()).execute();
            }
            handle.createUpdate("DELETE FROM cluster_instances WHERE last_seen_at < :forget")
                    .bind("forget", now - FORGET_AFTER.toMillis()).execute();
        });
        live = (int) Math.max(1, list().stream().filter(ClusterInstance::live).count());
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.warn("instance heartbeat failed: {}", DatabaseErrors.describe(e).orElse(e.getClass().getSimpleName()));
        }
    }

    /** Live instances at the last heartbeat, this one included (so at least 1). */
    public int liveInstances() {
        return live;
    }

    /** Every registered instance, oldest start first. */
    public List<ClusterInstance> list() {
        long liveSince = clock.millis() - LIVE_WINDOW.toMillis();
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT id, version, started_at, last_seen_at,"
                        + " shared_limits FROM cluster_instances ORDER BY started_at, id")
                .map((rs, ctx) -> new ClusterInstance(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getBoolean(5), rs.getLong(4) >= liveSince))
                .list());
    }

    /** What an operator should know when several instances are live: mixed versions, limits not shared. */
    public static List<String> warnings(List<ClusterInstance> instances) {
        List<ClusterInstance> live = instances.stream().filter(ClusterInstance::live).toList();
        List<String> warnings = new ArrayList<>();
        if (live.size() < 2) {
            return warnings;
        }
        String newest = live.stream().max((a, b) -> a.startedAt().compareTo(b.startedAt())).orElseThrow().version();
        for (ClusterInstance instance : live) {
            if (!instance.version().equals(newest)) {
                warnings.add("instance " + instance.id() + " runs version " + instance.version()
                        + " while the newest runs " + newest);
            }
            if (!instance.sharedLimits()) {
                warnings.add("instance " + instance.id() + " runs without shared limits (REDIS_URL): its per-key "
                        + "budgets are its own, so the instances together may exceed them");
            }
        }
        return warnings;
    }

    /** Stops beating and removes this instance's row: it leaves the list at once instead of after a minute. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            database.jdbi().useHandle(handle -> handle.createUpdate("DELETE FROM cluster_instances WHERE id = :id")
                    .bind("id", id).execute());
        } catch (RuntimeException e) {
            LOG.warn("could not unregister this instance: {}", DatabaseErrors.describe(e).orElse(e.getClass().getSimpleName()));
        }
    }
}
