package dev.chillproxy.chillstreams.outbox;

import java.time.Instant;
import java.util.List;

import dev.chillproxy.chillstreams.pool.UsageEvent;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/** SQL of the {@code usage_outbox} table, the same on SQLite and PostgreSQL. Thread-safe (Jdbi is). */
final class OutboxTable {

    private static final String COLUMNS = "event_id, user_id, pool_key_id, action, hash, cached, bytes, occurred_at, outcome, reason";
    private static final RowMapper<UsageEvent> EVENT = (rs, ctx) -> new UsageEvent(
            rs.getString("event_id"), rs.getString("user_id"), rs.getString("pool_key_id"), rs.getString("action"),
            rs.getString("hash"), rs.getBoolean("cached"), rs.getLong("bytes"),
            Instant.parse(rs.getString("occurred_at")), rs.getString("outcome"), rs.getString("reason"));

    private static final String INSERT = "INSERT INTO usage_outbox (" + COLUMNS + ", attempts, next_attempt_at, created_at)"
            + " VALUES (:id, :user, :key, :action, :hash, :cached, :bytes, :at, :outcome, :reason, 0, :now, :now)"
            + " ON CONFLICT (event_id) DO NOTHING";

    private final Jdbi jdbi;

    OutboxTable(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static <S extends SqlStatement<S>> S bind(S statement, UsageEvent event, long nowMillis) {
        return statement.bind("id", event.eventId())
                .bind("user", event.userId())
                .bind("key", event.poolKeyId())
                .bind("action", event.action())
                .bind("hash", event.hash())
                .bind("cached", event.cached())
                .bind("bytes", event.bytes())
                .bind("at", event.at().toString())
                .bind("outcome", event.outcome())
                .bind("reason", event.reason())
                .bind("now", nowMillis);
    }

    /** Events in one transaction (a group commit), due at once; an event id already waiting is kept as it is. */
    void insertAll(List<UsageEvent> events, long nowMillis) {
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            for (UsageEvent event : events) {
                bind(batch, event, nowMillis).add();
            }
            batch.execute();
        });
    }

    /** The oldest events whose next attempt is due by {@code dueByMillis}. */
    List<UsageEvent> oldestDue(long dueByMillis, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM usage_outbox"
                        + " WHERE next_attempt_at <= :dueBy ORDER BY created_at, event_id LIMIT :limit")
                .bind("dueBy", dueByMillis)
                .bind("limit", limit)
                .map(EVENT)
                .list());
    }

    void delete(List<String> eventIds) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM usage_outbox WHERE event_id IN (<ids>)")
                .bindList("ids", eventIds)
                .execute());
    }

    void postpone(List<String> eventIds, long nextAttemptMillis) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE usage_outbox SET attempts = attempts + 1, next_attempt_at = :next"
                        + " WHERE event_id IN (<ids>)")
                .bind("next", nextAttemptMillis)
                .bindList("ids", eventIds)
                .execute());
    }

    long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM usage_outbox").mapTo(Long.class).one());
    }
}
