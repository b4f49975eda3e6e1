package dev.chillproxy.chillstreams.embedded;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.secret.EncryptedValue;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.core.store.StoreName;

/**
 * Probes every non-retired pool key periodically (its service's account call through {@link KeyProbe}) and records the
 * result: OK → healthy, UNAUTHORIZED → failing, THROTTLED → cooldown until the given time, ERROR → degraded.
 * A zero interval disables the schedule ({@link #checkNow()} still works). With a {@link PoolAdmin} it also carries out
 * scheduled key retirements ({@code retireAt}) once a minute, whatever the check interval: the pool already stops
 * handing out such a key on the next request, this makes it final (assignments dropped, cached grants evicted).
 * Thread-safe.
 */
public final class KeyHealthChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyHealthChecker.class);
    private static final Duration RETIREMENT_INTERVAL = Duration.ofMinutes(1);

    private final Database database;
    private final PoolKeyCipher cipher;
    private final KeyProbe probe;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final PoolChanges changes;
    private final PoolAdmin retirements;

    public KeyHealthChecker(Database database, PoolKeyCipher cipher, KeyProbe probe, Clock clock, Duration interval) {
        this(database, cipher, probe, clock, interval, PoolChanges.none());
    }

    /** @param changes told when a key turns failing or goes into cooldown, so cached grants using it go */
    public KeyHealthChecker(Database database, PoolKeyCipher cipher, KeyProbe probe, Clock clock, Duration interval,
                            PoolChanges changes) {
        this(database, cipher, probe, clock, interval, changes, null);
    }

    /** @param retirements retires keys whose scheduled time has come (once a minute); null for none */
    public KeyHealthChecker(Database database, PoolKeyCipher cipher, KeyProbe probe, Clock clock, Duration interval,
                            PoolChanges changes, PoolAdmin retirements) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.retirements = retirements;
        this.database = Objects.requireNonNull(database, "database");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.scheduler = (interval.isZero() || interval.isNegative()) && retirements == null ? null
                : Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "pool-key-health");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Starts the periodic check (first run after one interval); no-op when disabled. */
    public void start() {
        if (scheduler != null && !interval.isZero() && !interval.isNegative()) {
            long millis = interval.toMillis();
            scheduler.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
        }
        if (scheduler != null && retirements != null) {
            scheduler.scheduleWithFixedDelay(this::retireSafely, 0, RETIREMENT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retireSafely() {
        try {
            int retired = retirements.retireDueKeys();
            if (retired > 0) {
                LOG.info("{} pool key(s) retired as scheduled", retired);
            }
        } catch (RuntimeException e) {
            LOG.warn("scheduled pool key retirement failed: {}", e.getClass().getSimpleName());
        }
    }

    private record Row(String id, EncryptedValue sealed, StoreName service) {
    }

    /** Probes every key once, now, on the calling thread, each with its own service's account call. */
    public void checkNow() {
        List<Row> rows = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id, key_ciphertext, key_nonce, key_cipher_id, service FROM torbox_pool_keys"
                                + " WHERE retired_at IS NULL ORDER BY id")
                .map((rs, ctx) -> new Row(rs.getString(1), new EncryptedValue(rs.getString(2), rs.getString(3), rs.getString(4)),
                        StoreName.fromCode(rs.getString(5))))
                .list());
        for (Row row : rows) {
            ProbeResult result;
            try {
                result = probe.probe(row.service(), cipher.decrypt(row.sealed(), row.id()));
            } catch (IllegalStateException e) {
                continue; // sealed under another encryption key: the admin list shows it as undecryptable
            }
            long now = clock.millis();
            database.jdbi().useTransaction(handle -> {
                if (result instanceof ProbeResult.Throttled throttled) {
                    handle.createUpdate("UPDATE torbox_pool_keys SET cooldown_until = :until, last_checked_at = :now WHERE id = :id")
                            .bind("until", throttled.until().toEpochMilli()).bind("now", now).bind("id", row.id()).execute();
                    KeyHealth.record(handle, row.id(), "cooldown", "throttled until " + throttled.until(), now);
                } else if (result instanceof ProbeResult.Unauthorized) {
                    KeyHealth.set(handle, row.id(), KeyHealth.FAILING, "check: unauthorized", now, true);
                } else if (result instanceof ProbeResult.Error error) {
                    KeyHealth.set(handle, row.id(), KeyHealth.DEGRADED, "check: " + error.message(), now, true);
                } else {
                    KeyHealth.set(handle, row.id(), KeyHealth.HEALTHY, "check: ok", now, true);
                }
            });
            if (result instanceof ProbeResult.Throttled || result instanceof ProbeResult.Unauthorized) {
                changes.keyRetired(row.id());
            }
            LOG.debug("pool key {} checked: {}", row.id(), result);
        }
    }

    private void checkSafely() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.warn("pool key health check failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
