package dev.chillproxy.chillstreams.outbox;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * SQL of the {@code usage_outbox} table, the same on SQLite and PostgreSQL but for the claim's row locks.
 * Thread-safe (Jdbi is); on PostgreSQL several instances may share the table.
 */
final class OutboxTable {

    private static final String COLUMNS = "event_id, user_id, pool_key_id, action, hash, cached, bytes, occurred_at, outcome, reason";
    private static final RowMapper<UsageEvent> EVENT = (rs, ctx) -> new UsageEvent(
            rs.getString("event_id"), rs.getString("user_id"), rs.getString("pool_key_id"), rs.getString("action"),
            rs.getString("hash"), rs.getBoolean("cached"), rs.getLong("bytes"),
            Instant.parse(rs.getString("occurred_at")), rs.getString("outcome"), rs.getString("reason"));

    private static final String INSERT = "INSERT INTO usage_outbox (" + COLUMNS + ", attempts, next_attempt_at, created_at)"
            + " VALUES (:id, :user, :key, :action, :hash, :cached, :bytes, :at, :outcome, :reason, 0, :now, :now)"
            + " ON CONFLICT (event_id) DO NOTHING";

    private record Claimed(UsageEvent event, long createdAt) {
    }

    private final Jdbi jdbi;
    /** PostgreSQL: claimers skip each other's locked rows instead of waiting and then claiming them again. */
    private final String skipLocked;

    OutboxTable(Jdbi jdbi, Engine engine) {
        this.jdbi = jdbi;
        this.skipLocked = engine == Engine.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
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

    /**
     * Claims the oldest unclaimed events due by {@code dueByMillis} until {@code claimUntilMillis}, in one statement:
     * another instance claiming at the same time gets other rows (or none), never these.
     */
    List<UsageEvent> claimOldestDue(long dueByMillis, long nowMillis, long claimUntilMillis, int limit) {
        String free = "(claimed_until IS NULL OR claimed_until <= :now)";
        return jdbi.withHandle(h -> h.createQuery("UPDATE usage_outbox SET claimed_until = :until"
                        + " WHERE event_id IN (SELECT event_id FROM usage_outbox WHERE next_attempt_at <= :dueBy AND " + free
                        + " ORDER BY created_at, event_id LIMIT :limit" + skipLocked + ") AND " + free
                        + " RETURNING " + COLUMNS + ", created_at")
                .bind("until", claimUntilMillis)
                .bind("now", nowMillis)
                .bind("dueBy", dueByMillis)
                .bind("limit", limit)
                .map((rs, ctx) -> new Claimed(EVENT.map(rs, ctx), rs.getLong("created_at")))
                .list()
                .stream()
                .sorted(Comparator.comparingLong(Claimed::createdAt).thenComparing(claimed -> claimed.event().eventId()))
                .map(Claimed::event)
                .toList());
    }

    void delete(List<String> eventIds) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM usage_outbox WHERE event_id IN (<ids>)")
                .bindList("ids", eventIds)
                .execute());
    }

    void postpone(List<String> eventIds, long nextAttemptMillis) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE usage_outbox SET attempts = attempts + 1, next_attempt_at = :next,"
                        + " claimed_until = NULL WHERE event_id IN (<ids>)")
                .bind("next", nextAttemptMillis)
                .bindList("ids", eventIds)
                .execute());
    }

    /** Gives claimed events back, due as they were. */
    void release(List<String> eventIds) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE usage_outbox SET claimed_until = NULL WHERE event_id IN (<ids>)")
                .bindList("ids", eventIds)
                .execute());
    }

    long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM usage_outbox").mapTo(Long.class).one());
    }
}
