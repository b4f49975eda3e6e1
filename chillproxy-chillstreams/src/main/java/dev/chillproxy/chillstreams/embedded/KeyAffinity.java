package dev.chillproxy.chillstreams.embedded;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

import dev.chillproxy.core.store.StoreName;

/**
 * Which pool key a user's torrent was played through, per (user, service, info hash), so a torrent added to one key's
 * account keeps playing from that account (no second add, no second cache check) while that key is usable, even
 * after the user moved to a successor. Rows of a key go when it retires. Stateless; thread-safe.
 */
final class KeyAffinity {

    private KeyAffinity() {
    }

    /** The usable key this user played the torrent through, if any. */
    static Optional<String> keyFor(Handle handle, String userId, StoreName service, String hash, long now) {
        return handle.createQuery("SELECT k.id FROM pool_key_affinity f JOIN torbox_pool_keys k ON k.id = f.pool_key_id"
                        + " WHERE f.user_id = :u AND f.service = :s AND f.hash = :h AND " + KeyAssignments.usable("k"))
                .bind("u", userId).bind("s", service.id()).bind("h", hash).bind("now", now)
                .mapTo(String.class).findOne();
    }

    /** Remembers (or, when its old key is no longer usable, replaces) the key the torrent is played through. */
    static void remember(Handle handle, String userId, StoreName service, String hash, String keyId, long now) {
        handle.createUpdate("INSERT INTO pool_key_affinity (user_id, service, hash, pool_key_id, at)"
                        + " VALUES (:u, :s, :h, :k, :now) ON CONFLICT (user_id, service, hash) DO UPDATE SET"
                        + " pool_key_id = excluded.pool_key_id, at = excluded.at")
                .bind("u", userId).bind("s", service.id()).bind("h", hash).bind("k", keyId).bind("now", now).execute();
    }

    /** A retired key keeps no torrent. */
    static void forgetKey(Handle handle, String keyId) {
        handle.createUpdate("DELETE FROM pool_key_affinity WHERE pool_key_id = :k").bind("k", keyId).execute();
    }
}
