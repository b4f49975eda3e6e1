package dev.chillproxy.chillstreams.signals;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.DatabaseErrors;
import dev.chillproxy.chillstreams.db.Engine;

/**
 * The per-key limit of concurrent playbacks. The server sees only the 302 to the CDN, never the stream, so a device
 * counts as playing on a key for {@code window} after its last playback request there; a device plays one stream at
 * a time, so only its latest playback counts (a device moving to the next episode never takes a second place). A
 * device already playing is always admitted; a new one only while fewer than {@code limit} others play. Decided in
 * one transaction serialised per key (SQLite: the write lock; PostgreSQL: an advisory lock on the key), so two
 * instances on one database cannot both take the last place. Thread-safe.
 */
public final class KeyPlaybacks {

    private static final Logger LOG = LoggerFactory.getLogger(KeyPlaybacks.class);

    private final Database database;
    private final Clock clock;
    private final int limit;
    private final Duration window;

    public KeyPlaybacks(Database database, Clock clock, int limit, Duration window) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (limit < 1) {
            throw new IllegalArgumentException("POOL_MAX_PLAYBACKS_PER_KEY must be at least 1");
        }
        this.limit = limit;
        this.window = Objects.requireNonNull(window, "window");
    }

    /**
     * Admits or refuses one playback request. A database that cannot answer admits it: this limit protects a key's
     * standing with its service, and the pool itself fails closed already when the database is down.
     */
    public PlaybackStart start(String keyId, String userId, String deviceId, String hash) {
        long now = clock.millis();
        try {
            return database.jdbi().inTransaction(handle -> decide(handle, keyId, userId, deviceId, hash, now));
        } catch (RuntimeException e) {
            LOG.warn("playback limit not checked: {}", DatabaseErrors.describe(e).orElse(e.getClass().getSimpleName()));
            return new PlaybackStart.Admitted(0);
        }
    }

    private PlaybackStart decide(Handle handle, String keyId, String userId, String deviceId, String hash, long now) {
        if (database.engine() == Engine.POSTGRESQL) {
            handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:k))) AS locked")
                    .bind("k", "key-playbacks|" + keyId).mapTo(Integer.class).one();
        }
        long cutoff = now - window.toMillis();
        handle.createUpdate("DELETE FROM key_playbacks WHERE pool_key_id = :k AND last_at <= :cutoff")
                .bind("k", keyId).bind("cutoff", cutoff).execute();
        int others = handle.createQuery("SELECT count(*) FROM key_playbacks WHERE pool_key_id = :k"
                        + " AND NOT (user_id = :u AND device_id = :d)")
                .bind("k", keyId).bind("u", userId).bind("d", deviceId).mapTo(Integer.class).one();
        boolean playing = handle.createQuery("SELECT count(*) FROM key_playbacks WHERE pool_key_id = :k"
                        + " AND user_id = :u AND device_id = :d")
                .bind("k", keyId).bind("u", userId).bind("d", deviceId).mapTo(Integer.class).one() > 0;
        if (!playing && others >= limit) {
            return new PlaybackStart.Full(others, limit);
        }
        handle.createUpdate("INSERT INTO key_playbacks (pool_key_id, user_id, device_id, hash, started_at, last_at)"
                        + " VALUES (:k, :u, :d, :h, :now, :now) ON CONFLICT (pool_key_id, user_id, device_id) DO UPDATE SET"
                        + " started_at = CASE WHEN key_playbacks.hash = excluded.hash THEN key_playbacks.started_at"
                        + " ELSE excluded.started_at END, hash = excluded.hash, last_at = excluded.last_at")
                .bind("k", keyId).bind("u", userId).bind("d", deviceId).bind("h", hash).bind("now", now).execute();
        return new PlaybackStart.Admitted(others + 1);
    }
}
