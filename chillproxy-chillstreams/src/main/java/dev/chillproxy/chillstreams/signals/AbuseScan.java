package dev.chillproxy.chillstreams.signals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.pool.UsageEvent;

/**
 * Finds the users over a threshold, from what the database holds for every instance: the sightings (devices,
 * networks), the key playbacks, and the embedded pool's usage log (bytes, refusals). One grouped query per signal
 * finds the users, then each found user's evidence is read. Needs the {@code pool} and {@code signals} tables.
 * Thread-safe.
 */
public final class AbuseScan {

    /** At most this many users per signal per scan: a flood of signals must not make one scan unbounded. */
    static final int MAX_USERS = 500;
    /** Refusals that say something about the user: not the pool's own trouble, not another household's use of a key. */
    private static final String USER_REFUSALS = "reason IN ('device-limit', 'user-disabled')";
    private static final String FILES_STARTED = "action = 'stream-served' AND outcome <> '" + UsageEvent.FAILED + "'";

    private final Database database;
    private final SignalThresholds thresholds;

    public AbuseScan(Database database, SignalThresholds thresholds) {
        this.database = Objects.requireNonNull(database, "database");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public SignalThresholds thresholds() {
        return thresholds;
    }

    /** Every signal that holds now, each with its evidence; not yet recorded. */
    public List<Signal> scan(Instant now) {
        return database.jdbi().withHandle(handle -> {
            List<Signal> found = new ArrayList<>();
            for (SignalKind kind : SignalKind.values()) {
                long since = now.minus(thresholds.lookBack(kind)).toEpochMilli();
                for (Over over : over(handle, kind, since)) {
                    found.add(new Signal(over.userId(), kind, over.value(), thresholds.max(kind), now,
                            evidence(handle, kind, over.userId(), since), false));
                }
            }
            return found;
        });
    }

    /** Deletes sightings and playbacks too old for any window, so the tables stay as small as the windows. */
    public void forget(Instant now) {
        long sightings = now.minus(thresholds.window()).toEpochMilli();
        long playbacks = now.minus(thresholds.playbackWindow()).toEpochMilli();
        database.jdbi().useHandle(handle -> {
            handle.createUpdate("DELETE FROM abuse_sightings WHERE last_seen < :t").bind("t", sightings).execute();
            handle.createUpdate("DELETE FROM key_playbacks WHERE last_at < :t").bind("t", playbacks).execute();
        });
    }

    private record Over(String userId, long value) {
    }

    private List<Over> over(Handle handle, SignalKind kind, long since) {
        String sql = switch (kind) {
            case DEVICE_CHURN, NETWORKS -> "SELECT user_id, count(*) AS n FROM abuse_sightings"
                    + " WHERE kind = :kind AND last_seen >= :since GROUP BY user_id HAVING count(*) > :max";
            case CONCURRENT_PLAYBACKS -> "SELECT user_id, count(DISTINCT device_id) AS n FROM key_playbacks"
                    + " WHERE last_at >= :since GROUP BY user_id HAVING count(DISTINCT device_id) > :max";
            // a file's size once however often it was requested (players retry and seek): sizes of distinct files
            case BYTES -> "SELECT user_id, sum(size) AS n FROM (SELECT user_id, hash, max(bytes) AS size"
                    + " FROM torbox_pool_usage_logs WHERE at >= :since AND " + FILES_STARTED + " AND user_id <> ''"
                    + " GROUP BY user_id, hash) files GROUP BY user_id HAVING sum(size) > :max";
            case REFUSALS -> "SELECT user_id, count(*) AS n FROM torbox_pool_usage_logs"
                    + " WHERE at >= :since AND action = 'denied' AND " + USER_REFUSALS + " GROUP BY user_id HAVING count(*) > :max";
        };
        return sighted(handle.createQuery(sql + " ORDER BY user_id LIMIT " + MAX_USERS), kind)
                .bind("since", since).bind("max", thresholds.max(kind))
                .map((rs, ctx) -> new Over(rs.getString("user_id"), rs.getLong("n"))).list();
    }

    private List<Evidence> evidence(Handle handle, SignalKind kind, String userId, long since) {
        String sql = switch (kind) {
            case DEVICE_CHURN, NETWORKS -> "SELECT value AS item, '' AS detail, 0 AS amount, first_seen AS first_at, last_seen AS last_at"
                    + " FROM abuse_sightings WHERE user_id = :u AND kind = :kind AND last_seen >= :since ORDER BY last_seen DESC, value";
            case CONCURRENT_PLAYBACKS -> "SELECT device_id AS item, hash AS detail, 0 AS amount, started_at AS first_at, last_at AS last_at"
                    + " FROM key_playbacks WHERE user_id = :u AND last_at >= :since ORDER BY last_at DESC, device_id";
            case BYTES -> "SELECT hash AS item, '' AS detail, max(bytes) AS amount, min(at) AS first_at, max(at) AS last_at"
                    + " FROM torbox_pool_usage_logs WHERE user_id = :u AND at >= :since AND " + FILES_STARTED
                    + " GROUP BY hash ORDER BY amount DESC, hash";
            case REFUSALS -> "SELECT reason AS item, '' AS detail, count(*) AS amount, min(at) AS first_at, max(at) AS last_at"
                    + " FROM torbox_pool_usage_logs WHERE user_id = :u AND at >= :since AND action = 'denied' AND "
                    + USER_REFUSALS + " GROUP BY reason ORDER BY amount DESC, reason";
        };
        return sighted(handle.createQuery(sql + " LIMIT " + Signal.MAX_EVIDENCE), kind)
                .bind("u", userId).bind("since", since)
                .map((rs, ctx) -> new Evidence(rs.getString("item"), rs.getString("detail"), rs.getLong("amount"),
                        Instant.ofEpochMilli(rs.getLong("first_at")), Instant.ofEpochMilli(rs.getLong("last_at"))))
                .list();
    }

    /** Binds {@code :kind} for the two signals read from the sightings (Jdbi refuses unused bindings). */
    private static Query sighted(Query query, SignalKind kind) {
        return switch (kind) {
            case DEVICE_CHURN -> query.bind("kind", Sightings.DEVICE);
            case NETWORKS -> query.bind("kind", Sightings.NETWORK);
            default -> query;
        };
    }
}
