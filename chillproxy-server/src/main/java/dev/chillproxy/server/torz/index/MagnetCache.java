package dev.chillproxy.server.torz.index;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Per store and hash: was it cached when last checked. Shared by every key, so one user's check saves the
 * next user a call. A cached answer is trusted for {@code cachedFor}, an uncached one for {@code uncachedFor}
 * (a torrent that was not cached may be by now). Thread-safe.
 */
public final class MagnetCache {

    private final Database database;
    private final Clock clock;
    private final Duration cachedFor;
    private final Duration uncachedFor;
    /** Rows read or written lately, so a warm stream list needs no query; the table stays the shared truth. */
    private final Cache<String, Row> recent = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(30)).build();

    public MagnetCache(Database database, Clock clock, Duration cachedFor, Duration uncachedFor) {
        this.database = database;
        this.clock = clock;
        this.cachedFor = cachedFor;
        this.uncachedFor = uncachedFor;
    }

    /** The still-fresh answers among {@code hashes}; hashes missing from the map must be asked upstream. */
    public Map<String, Boolean> fresh(String store, List<String> hashes) {
        if (hashes.isEmpty()) {
            return Map.of();
        }
        long now = clock.millis();
        long cachedSince = now - cachedFor.toMillis();
        long uncachedSince = now - uncachedFor.toMillis();
        Map<String, Boolean> fresh = new HashMap<>();
        List<String> unread = new ArrayList<>();
        for (String hash : hashes) {
            Row row = recent.getIfPresent(store + ":" + hash);
            if (row == null) {
                unread.add(hash);
            } else if (row.checkedAt() >= (row.cached() ? cachedSince : uncachedSince)) {
                fresh.put(hash, row.cached());
            }
        }
        if (unread.isEmpty()) {
            return fresh;
        }
        List<Row> rows = database.jdbi().withHandle(handle -> read(handle, store, unread));
        for (Row row : rows) {
            recent.put(store + ":" + row.hash(), row);
            if (row.checkedAt() >= (row.cached() ? cachedSince : uncachedSince)) {
                fresh.put(row.hash(), row.cached());
            }
        }
        return fresh;
    }

    /**
     * One statement for every hash: on PostgreSQL one array parameter, so the statement stays the same whatever the
     * count (prepared once per connection, planned as a lookup of the primary key); SQLite has no arrays.
     */
    private List<Row> read(Handle handle, String store, List<String> hashes) {
        Query query = database.engine() == Engine.POSTGRESQL
                ? handle.createQuery("SELECT hash, cached, checked_at FROM torz_magnet_cache"
                        + " WHERE store = :store AND hash = ANY(:hashes)").bindArray("hashes", String.class, hashes)
                : handle.createQuery("SELECT hash, cached, checked_at FROM torz_magnet_cache"
                        + " WHERE store = :store AND hash IN (<hashes>)").bindList("hashes", hashes);
        return query.bind("store", store)
                .map((rs, ctx) -> new Row(rs.getString("hash"), rs.getBoolean("cached"), rs.getLong("checked_at")))
                .list();
    }

    private record Row(String hash, boolean cached, long checkedAt) {
    }

    /**
     * Answers just received, kept in this instance's memory at once (so its next lists need neither the table nor
     * the store); {@link #share} writes them to the table, which may happen a moment later.
     */
    public void note(String store, Map<String, Boolean> answers) {
        long now = clock.millis();
        answers.forEach((hash, cached) -> recent.put(store + ":" + hash, new Row(hash, cached, now)));
    }

    /** Writes answers already {@link #note noted} to the table, for the other instances. */
    public void share(String store, Map<String, Boolean> answers) {
        if (answers.isEmpty()) {
            return;
        }
        long now = clock.millis();
        database.jdbi().useTransaction(handle -> {
            var batch = handle.prepareBatch("INSERT INTO torz_magnet_cache (store, hash, cached, checked_at)"
                    + " VALUES (:store, :hash, :cached, :now)"
                    + " ON CONFLICT (store, hash) DO UPDATE SET cached = excluded.cached, checked_at = excluded.checked_at");
            answers.forEach((hash, cached) -> batch.bind("store", store).bind("hash", hash).bind("cached", cached)
                    .bind("now", now).add());
            batch.execute();
        });
    }
}
