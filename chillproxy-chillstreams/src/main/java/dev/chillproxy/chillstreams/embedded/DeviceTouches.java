package dev.chillproxy.chillstreams.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.DatabaseErrors;

/**
 * A known device's {@code last_seen} and request count, kept in memory and written in the background: one transaction
 * per {@link #interval()} for every device used since the last one, so a device's row is written at most once per
 * interval (a minute, shorter when {@code DEVICE_IDLE_RELEASE} is under four minutes) instead of on every get-key.
 *
 * <p>The database's {@code last_seen} therefore lags a device's last request by at most the interval (plus the grant
 * cache's lifetime, whose hits reach the pool only when it refetches). Idle release still works: a device in use is
 * written every interval, far inside the idle window, and one that stopped ages out as before, at most that lag
 * earlier. A write never moves {@code last_seen} back and never brings back a row that was deleted (a released or
 * revoked device). A failed write is kept for the next one. Thread-safe.
 */
final class DeviceTouches implements AutoCloseable {

    static final Duration MAX_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(DeviceTouches.class);

    private final Database database;
    private final Duration interval;
    private final Map<Device, Touch> pending = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService writer;
    private boolean closed;

    DeviceTouches(Database database, Duration idleRelease) {
        this.database = database;
        Duration quarter = idleRelease.dividedBy(4);
        this.interval = quarter.compareTo(MAX_INTERVAL) < 0 ? quarter : MAX_INTERVAL;
    }

    /** How long the written {@code last_seen} may lag a device's last request (one write round). */
    Duration interval() {
        return interval;
    }

    /** The device made a request at {@code now} that the pool answered without writing. */
    void seen(String userId, String deviceId, long now) {
        add(new Device(userId, deviceId), new Touch(now, 1));
    }

    /** Requests of the device the pool did not see (the grant cache answered them). */
    void count(String userId, String deviceId, long requests) {
        add(new Device(userId, deviceId), new Touch(Long.MIN_VALUE, requests));
    }

    private void add(Device device, Touch touch) {
        pending.merge(device, touch, Touch::plus);
        if (writer == null) {
            startWriter();
        }
    }

    private synchronized void startWriter() {
        if (writer == null && !closed) {
            writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "device-touches");
                thread.setDaemon(true);
                return thread;
            });
            writer.scheduleWithFixedDelay(this::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Writes every pending touch in one transaction; returns how many devices were written. Never throws. */
    int flush() {
        List<Map.Entry<Device, Touch>> taken = new ArrayList<>();
        for (Device device : pending.keySet()) {
            Touch touch = pending.remove(device);
            if (touch != null) {
                taken.add(Map.entry(device, touch));
            }
        }
        if (taken.isEmpty()) {
            return 0;
        }
        try {
            database.jdbi().useTransaction(handle -> {
                PreparedBatch batch = handle.prepareBatch("UPDATE torbox_pool_devices"
                        + " SET last_seen = CASE WHEN last_seen < :seen THEN :seen ELSE last_seen END,"
                        + " request_count = request_count + :n WHERE user_id = :u AND device_id = :d");
                taken.forEach(e -> batch.bind("seen", e.getValue().seen()).bind("n", e.getValue().requests())
                        .bind("u", e.getKey().userId()).bind("d", e.getKey().deviceId()).add());
                batch.execute();
            });
            return taken.size();
        } catch (RuntimeException e) {
            taken.forEach(entry -> pending.merge(entry.getKey(), entry.getValue(), Touch::plus));
            LOG.warn("last-seen times of {} devices not written, retried in {} s: {}", taken.size(), interval.toSeconds(),
                    DatabaseErrors.describe(e).orElse(e.getClass().getSimpleName()));
            return 0;
        }
    }

    /** Stops the background writer and writes what is pending. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (writer != null) {
                writer.shutdown();
            }
        }
        flush();
    }

    private record Device(String userId, String deviceId) {
    }

    /** The latest request time ({@link Long#MIN_VALUE}: none) and the requests since the last write. */
    private record Touch(long seen, long requests) {
        Touch plus(Touch other) {
            return new Touch(Math.max(seen, other.seen), requests + other.requests);
        }
    }
}
