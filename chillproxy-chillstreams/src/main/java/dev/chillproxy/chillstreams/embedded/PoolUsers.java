package dev.chillproxy.chillstreams.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;

import dev.chillproxy.chillstreams.db.Database;

/** Admin operations on users and their devices. No cache: the embedded pool reads them on every call. Thread-safe. */
final class PoolUsers {

    private static final String SELECT_USER = "SELECT id, email, status, created_at FROM users";

    private final Database database;
    private final Clock clock;

    PoolUsers(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    UserView create(String requestedId, String requestedEmail) {
        String id = requestedId == null || requestedId.isBlank() ? UUID.randomUUID().toString() : uuid(requestedId);
        String email = email(requestedEmail);
        long now = clock.millis();
        try {
            return database.jdbi().inTransaction(handle -> {
                if (find(handle, id).isPresent()) {
                    throw PoolAdminException.conflict("user " + id + " already exists");
                }
                if (email != null && count(handle, "SELECT count(*) FROM users WHERE email = :v", email) > 0) {
                    throw PoolAdminException.conflict("a user with this email already exists");
                }
                handle.createUpdate("INSERT INTO users (id, email, status, created_at) VALUES (:id, :email, 'active', :now)")
                        .bind("id", id).bind("email", email).bind("now", now).execute();
                return new UserView(id, email, "active", Instant.ofEpochMilli(now));
            });
        } catch (PoolAdminException e) {
            throw e;
        } catch (RuntimeException e) {
            // a concurrent create won the race on the same id or email
            throw PoolAdminException.conflict("a user with this id or email already exists");
        }
    }

    List<UserView> search(String query, int limit) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        // '!' as the LIKE escape: Jdbi's SQL lexer would read a backslash before a quote as an escape
        String escaped = q.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT_USER
                        + " WHERE id LIKE :prefix ESCAPE '!' OR email LIKE :part ESCAPE '!' ORDER BY created_at DESC, id LIMIT :limit")
                .bind("prefix", escaped + "%").bind("part", "%" + escaped + "%").bind("limit", Math.max(1, Math.min(limit, 500)))
                .map((rs, ctx) -> user(rs)).list());
    }

    UserDetails details(String id) {
        return database.jdbi().withHandle(handle -> {
            UserView user = require(handle, id);
            List<UserDetails.Assignment> assignments = handle.createQuery("SELECT service, pool_key_id FROM torbox_pool_assignments"
                            + " WHERE user_id = :id ORDER BY service")
                    .bind("id", id).map((rs, ctx) -> new UserDetails.Assignment(rs.getString(1), rs.getString(2))).list();
            List<DeviceView> devices = handle.createQuery("SELECT device_id, first_seen, last_seen, request_count"
                            + " FROM torbox_pool_devices WHERE user_id = :id ORDER BY last_seen DESC, device_id")
                    .bind("id", id)
                    .map((rs, ctx) -> new DeviceView(rs.getString("device_id"), Instant.ofEpochMilli(rs.getLong("first_seen")),
                            Instant.ofEpochMilli(rs.getLong("last_seen")), rs.getLong("request_count")))
                    .list();
            return new UserDetails(user, assignments, devices);
        });
    }

    UserView setStatus(String id, String status) {
        if (!"active".equals(status) && !"disabled".equals(status)) {
            throw PoolAdminException.invalid("status: must be \"active\" or \"disabled\"");
        }
        return database.jdbi().inTransaction(handle -> {
            require(handle, id);
            handle.createUpdate("UPDATE users SET status = :status WHERE id = :id").bind("status", status).bind("id", id).execute();
            return require(handle, id);
        });
    }

    void revokeDevice(String userId, String deviceId) {
        int removed = database.jdbi().withHandle(handle -> handle.createUpdate(
                        "DELETE FROM torbox_pool_devices WHERE user_id = :u AND device_id = :d")
                .bind("u", userId).bind("d", deviceId).execute());
        if (removed == 0) {
            throw PoolAdminException.notFound("device " + deviceId + " of user " + userId + " not found");
        }
    }

    private static UserView require(Handle handle, String id) {
        return find(handle, id).orElseThrow(() -> PoolAdminException.notFound("user " + id + " not found"));
    }

    private static Optional<UserView> find(Handle handle, String id) {
        return handle.createQuery(SELECT_USER + " WHERE id = :id").bind("id", id).map((rs, ctx) -> user(rs)).findOne();
    }

    private static int count(Handle handle, String sql, String value) {
        return handle.createQuery(sql).bind("v", value).mapTo(Integer.class).one();
    }

    private static UserView user(ResultSet rs) throws SQLException {
        return new UserView(rs.getString("id"), rs.getString("email"), rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static String uuid(String raw) {
        try {
            return UUID.fromString(raw.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw PoolAdminException.invalid("id: not a UUID");
        }
    }

    private static String email(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw PoolAdminException.invalid("email: not an email address");
        }
        return email;
    }
}
