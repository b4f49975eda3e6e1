package dev.chillproxy.chillstreams.embedded;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;

/**
 * Health states of a pool key and their history table. A key takes new users when healthy (or degraded, as
 * a fallback); failing and disabled keys lose their users on their next request. Stateless.
 */
final class KeyHealth {

    static final String HEALTHY = "healthy";
    static final String DEGRADED = "degraded";
    static final String FAILING = "failing";
    static final String DISABLED = "disabled";

    private KeyHealth() {
    }

    /** Sets the health (and last-checked time when {@code checked}) and records it in the history. */
    static void set(Handle handle, String keyId, String health, String detail, long now, boolean checked) {
        handle.createUpdate("UPDATE torbox_pool_keys SET health = :health"
                        + (checked ? ", last_checked_at = :now" : "") + " WHERE id = :id")
                .bind("health", health).bind("now", now).bind("id", keyId).execute();
        record(handle, keyId, health, detail, now);
    }

    static void record(Handle handle, String keyId, String health, String detail, long now) {
        handle.createUpdate("INSERT INTO torbox_pool_key_health_log (pool_key_id, at, health, detail)"
                        + " VALUES (:id, :at, :health, :detail)")
                .bind("id", keyId).bind("at", now).bind("health", health).bind("detail", detail).execute();
    }

    static List<KeyHealthEntry> history(Handle handle, String keyId, int limit) {
        return handle.createQuery("SELECT at, health, detail FROM torbox_pool_key_health_log"
                        + " WHERE pool_key_id = :id ORDER BY at DESC, id DESC LIMIT :limit")
                .bind("id", keyId).bind("limit", limit)
                .map((rs, ctx) -> new KeyHealthEntry(Instant.ofEpochMilli(rs.getLong("at")), rs.getString("health"),
                        rs.getString("detail")))
                .list();
    }
}
