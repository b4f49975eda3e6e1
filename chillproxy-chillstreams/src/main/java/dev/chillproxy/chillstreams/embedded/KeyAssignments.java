package dev.chillproxy.chillstreams.embedded;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import dev.chillproxy.core.store.StoreName;

/**
 * Which key of one service a user gets (DESIGN §5): one assignment per (user, service), kept while its key is usable.
 * A failing, cooling or retired key loses its users to the usable key with the most free room (healthy before
 * degraded) on their next request. A key scheduled to retire ({@code retire_at}) keeps its users until a successor
 * exists: a healthy, checked key of the same service that is not retiring and has room; then each user moves on their
 * next request. Called inside the pool's locked write transaction. Stateless; thread-safe.
 */
final class KeyAssignments {

    private final WriteTransactions transactions;

    KeyAssignments(WriteTransactions transactions) {
        this.transactions = transactions;
    }

    /** SQL condition for a key that may be handed out now, on {@code alias}; binds {@code :now}. */
    static String usable(String alias) {
        return alias + ".retired_at IS NULL AND (" + alias + ".retire_at IS NULL OR " + alias + ".retire_at > :now)"
                + " AND " + alias + ".health IN ('healthy', 'degraded')"
                + " AND (" + alias + ".cooldown_until IS NULL OR " + alias + ".cooldown_until <= :now)";
    }

    private record Current(String id, boolean retiring) {
    }

    private record Candidate(String id, String health, boolean checked, boolean retiring, int maxUsers, int assigned) {
        int free() {
            return maxUsers - assigned;
        }

        /** A key users of a retiring key may move to: only a key whose last check said healthy. */
        boolean successor() {
            return !retiring && checked && KeyHealth.HEALTHY.equals(health);
        }
    }

    /** The user's key of this service, assigning or moving the user when needed; empty when no key is usable. */
    Optional<String> choose(Handle handle, String userId, StoreName service, long now) {
        Optional<Current> current = handle.createQuery("SELECT k.id, k.retire_at FROM torbox_pool_assignments a"
                        + " JOIN torbox_pool_keys k ON k.id = a.pool_key_id"
                        + " WHERE a.user_id = :u AND a.service = :s AND " + usable("k"))
                .bind("u", userId).bind("s", service.id()).bind("now", now)
                .map((rs, ctx) -> new Current(rs.getString(1), rs.getObject(2) != null)).findOne();
        if (current.isPresent() && !current.get().retiring()) {
            return Optional.of(current.get().id());
        }
        List<Candidate> candidates = candidates(handle, userId, service, now);
        Optional<Candidate> next;
        if (current.isPresent()) {
            // a retiring key: move only to a healthy successor, otherwise stay until it retires
            next = candidates.stream().filter(Candidate::successor).filter(c -> c.free() > 0)
                    .max(Comparator.comparingInt(Candidate::free).thenComparing(Candidate::id, Comparator.reverseOrder()));
            if (next.isEmpty()) {
                return Optional.of(current.get().id());
            }
        } else {
            next = candidates.stream().filter(c -> c.free() > 0)
                    .min(Comparator.comparing(Candidate::retiring)
                            .thenComparing((Candidate c) -> !KeyHealth.HEALTHY.equals(c.health()))
                            .thenComparing(Comparator.comparingInt(Candidate::free).reversed())
                            .thenComparing(Candidate::id));
        }
        next.ifPresent(key -> handle.createUpdate("INSERT INTO torbox_pool_assignments (user_id, service, pool_key_id, assigned_at)"
                        + " VALUES (:u, :s, :k, :now) ON CONFLICT (user_id, service) DO UPDATE SET"
                        + " pool_key_id = excluded.pool_key_id, assigned_at = excluded.assigned_at")
                .bind("u", userId).bind("s", service.id()).bind("k", key.id()).bind("now", now).execute());
        return next.map(Candidate::id);
    }

    /** The usable keys of the service with their users (the caller's own assignment not counted); locked on PostgreSQL. */
    private List<Candidate> candidates(Handle handle, String userId, StoreName service, long now) {
        if (!transactions.forUpdate().isEmpty()) {
            // PostgreSQL: two users assigned at once must not both take a key's last free place
            handle.createQuery("SELECT id FROM torbox_pool_keys WHERE service = :s AND retired_at IS NULL ORDER BY id FOR UPDATE")
                    .bind("s", service.id()).mapTo(String.class).list();
        }
        return handle.createQuery("SELECT k.id, k.health, k.last_checked_at, k.retire_at, k.max_users,"
                        + " (SELECT count(*) FROM torbox_pool_assignments a WHERE a.pool_key_id = k.id AND a.user_id <> :u) AS assigned"
                        + " FROM torbox_pool_keys k WHERE k.service = :s AND " + usable("k"))
                .bind("u", userId).bind("s", service.id()).bind("now", now)
                .map((rs, ctx) -> new Candidate(rs.getString("id"), rs.getString("health"),
                        rs.getObject("last_checked_at") != null, rs.getObject("retire_at") != null,
                        rs.getInt("max_users"), rs.getInt("assigned")))
                .list();
    }

    /** Whether the pool holds any key of the service that is not retired (to tell "none at all" from "none free"). */
    static boolean anyKey(Handle handle, StoreName service, long now) {
        return handle.createQuery("SELECT count(*) FROM torbox_pool_keys k WHERE k.service = :s AND k.retired_at IS NULL"
                        + " AND (k.retire_at IS NULL OR k.retire_at > :now)")
                .bind("s", service.id()).bind("now", now).mapTo(Integer.class).one() > 0;
    }
}
