package dev.chillproxy.chillstreams.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jdbi.v3.core.statement.Query;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.pool.UsageEvent;

/** Reads the usage log: keyset-paged queries and per-key / per-user aggregates. Thread-safe. */
final class UsageReports {

    private final Database database;

    UsageReports(Database database) {
        this.database = database;
    }

    UsagePage page(UsageQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, event_id, user_id, pool_key_id, action, hash, cached, bytes, at, outcome, reason"
                + " FROM torbox_pool_usage_logs WHERE 1 = 1");
        long[] after = query.cursor() == null ? null : decode(query.cursor());
        if (query.userId() != null) {
            sql.append(" AND user_id = :userId");
        }
        if (query.poolKeyId() != null) {
            sql.append(" AND pool_key_id = :poolKeyId");
        }
        if (query.action() != null) {
            sql.append(" AND action = :action");
        }
        if (query.since() != null) {
            sql.append(" AND at >= :since");
        }
        if (after != null) {
            sql.append(" AND (at < :afterAt OR (at = :afterAt AND id < :afterId))");
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT :limit");
        List<long[]> positions = new ArrayList<>();
        List<UsageEvent> rows = database.reads().withHandle(handle -> {
            Query q = handle.createQuery(sql.toString()).bind("limit", query.limit() + 1);
            if (query.userId() != null) {
                q.bind("userId", query.userId());
            }
            if (query.poolKeyId() != null) {
                q.bind("poolKeyId", query.poolKeyId());
            }
            if (query.action() != null) {
                q.bind("action", query.action());
            }
            if (query.since() != null) {
                q.bind("since", query.since().toEpochMilli());
            }
            if (after != null) {
                q.bind("afterAt", after[0]).bind("afterId", after[1]);
            }
            return q.map((rs, ctx) -> {
                positions.add(new long[] {rs.getLong("at"), rs.getLong("id")});
                return new UsageEvent(rs.getString("event_id"), rs.getString("user_id"), rs.getString("pool_key_id"),
                        rs.getString("action"), rs.getString("hash"), rs.getInt("cached") != 0, rs.getLong("bytes"),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getString("outcome"), rs.getString("reason"));
            }).list();
        });
        if (rows.size() <= query.limit()) {
            return new UsagePage(rows, null);
        }
        long[] last = positions.get(query.limit() - 1);
        return new UsagePage(rows.subList(0, query.limit()), encode(last[0], last[1]));
    }

    UsageStats stats(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw PoolAdminException.invalid("from: must not be after to");
        }
        long start = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        long end = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        return new UsageStats(aggregate("pool_key_id", start, end), aggregate("user_id", start, end));
    }

    /**
     * A playback is a {@code stream-served} row that was served or added a torrent (rows from before outcomes were
     * recorded were all served); a failed one says nothing about the cache and is left out of the ratio.
     */
    private static final String PLAYBACK = "action = 'stream-served' AND outcome <> '" + UsageEvent.FAILED + "'";

    private List<UsageStats.Aggregate> aggregate(String column, long start, long end) {
        return database.reads().withHandle(handle -> handle.createQuery("SELECT " + column + " AS id, count(*) AS requests,"
                        + " sum(cached) AS cached, sum(bytes) AS bytes,"
                        + " sum(CASE WHEN " + PLAYBACK + " THEN 1 ELSE 0 END) AS playbacks,"
                        + " sum(CASE WHEN " + PLAYBACK + " AND cached = 1 THEN 1 ELSE 0 END) AS playbacks_cached,"
                        // operators know their users by email, not by id
                        + ("user_id".equals(column) ? " (SELECT u.email FROM users u WHERE u.id = l.user_id)" : " NULL")
                        + " AS email FROM torbox_pool_usage_logs l"
                        + " WHERE at >= :start AND at < :end AND action <> 'denied' AND " + column + " <> ''"
                        + " GROUP BY l." + column + " ORDER BY requests DESC, l." + column)
                .bind("start", start).bind("end", end)
                .map((rs, ctx) -> {
                    long requests = rs.getLong("requests");
                    long playbacks = rs.getLong("playbacks");
                    return new UsageStats.Aggregate(rs.getString("id"), requests,
                            requests == 0 ? 0 : (double) rs.getLong("cached") / requests, rs.getLong("bytes"), playbacks,
                            playbacks == 0 ? null : (double) rs.getLong("playbacks_cached") / playbacks, rs.getString("email"));
                }).list());
    }

    private static String encode(long at, long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw PoolAdminException.invalid("cursor: not a cursor returned by this API");
        }
    }
}
