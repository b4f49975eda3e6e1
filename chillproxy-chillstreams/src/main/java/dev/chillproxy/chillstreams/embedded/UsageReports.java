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
        StringBuilder sql = new StringBuilder("SELECT id, event_id, user_id, pool_key_id, action, hash, cached, bytes, at"
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
        List<UsageEvent> rows = database.jdbi().withHandle(handle -> {
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
                        Instant.ofEpochMilli(rs.getLong("at")));
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

    private List<UsageStats.Aggregate> aggregate(String column, long start, long end) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT " + column + " AS id, count(*) AS requests,"
                        + " sum(cached) AS cached, sum(bytes) AS bytes FROM torbox_pool_usage_logs"
                        + " WHERE at >= :start AND at < :end AND action <> 'denied' AND " + column + " <> ''"
                        + " GROUP BY " + column + " ORDER BY requests DESC, " + column)
                .bind("start", start).bind("end", end)
                .map((rs, ctx) -> {
                    long requests = rs.getLong("requests");
                    return new UsageStats.Aggregate(rs.getString("id"), requests,
                            requests == 0 ? 0 : (double) rs.getLong("cached") / requests, rs.getLong("bytes"));
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
