package dev.chillproxy.chillstreams.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.secret.EncryptedValue;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;

/**
 * Admin operations on pool keys of every pooled service: add (checked with the service's account call, encrypted,
 * deduplicated by fingerprint), list, update, schedule or carry out retirement, history. Thread-safe.
 */
final class PoolKeys {

    private static final Logger LOG = LoggerFactory.getLogger(PoolKeys.class);
    private static final int MAX_USERS_LIMIT = 100_000;
    /**
     * Users per key when the operator does not say. TorBox allows a key 60 {@code createtorrent} an hour; a viewer
     * starting new titles at an evening peak adds about 3 an hour (replays and other files of a torrent already in
     * the account cost none), so 20 users fit the hourly budget even if all of them are at their peak at once.
     */
    static final int DEFAULT_MAX_USERS = 20;
    /** The status of a key the configured {@code POOL_ENCRYPTION_KEY} cannot decrypt. */
    static final String UNDECRYPTABLE = "undecryptable";

    private final Database database;
    private final PoolKeyCipher cipher;
    private final Clock clock;
    private final KeyProbe validator;
    private final UsageReports usage;
    private final Optional<Duration> rotationInterval;

    PoolKeys(Database database, PoolKeyCipher cipher, Clock clock, KeyProbe validator, UsageReports usage,
             Optional<Duration> rotationInterval) {
        this.rotationInterval = rotationInterval;
        this.database = database;
        this.cipher = cipher;
        this.clock = clock;
        this.validator = validator;
        this.usage = usage;
    }

    PoolKeyView create(String rawKey, String label, String service, Integer maxUsers, Instant retireAt) {
        if (rawKey == null || rawKey.isBlank()) {
            throw PoolAdminException.invalid("apiKey: required");
        }
        ApiKey key = ApiKey.of(rawKey);
        StoreName store = service(service);
        int max = maxUsers == null ? DEFAULT_MAX_USERS : maxUsers;
        requireMaxUsers(max);
        requireFuture(retireAt);
        String fingerprint = PoolKeyCipher.fingerprint(key);
        if (exists("fingerprint", fingerprint)) {
            throw PoolAdminException.conflict("this key is already in the pool");
        }
        ProbeResult probe = validator == null ? new ProbeResult.Ok() : validator.probe(store, key);
        if (probe instanceof ProbeResult.Unauthorized) {
            throw PoolAdminException.invalid("apiKey: the service refused this key (unauthorized)");
        }
        if (probe instanceof ProbeResult.Error error) {
            throw PoolAdminException.invalid("apiKey: could not be validated: " + error.message());
        }
        String id = UUID.randomUUID().toString();
        EncryptedValue sealed = cipher.encrypt(key, id);
        long now = clock.millis();
        try {
            database.jdbi().useTransaction(handle -> {
                handle.createUpdate("INSERT INTO torbox_pool_keys (id, key_ciphertext, key_nonce, key_cipher_id, fingerprint,"
                                + " masked_key, label, service, max_users, health, cooldown_until, created_at,"
                                + " last_checked_at, retire_at)"
                                + " VALUES (:id, :ct, :nonce, :kid, :fp, :masked, :label, :service, :max, 'healthy', :cooldown, :now,"
                                + " :checked, :retireAt)")
                        .bind("id", id).bind("ct", sealed.ciphertext()).bind("nonce", sealed.nonce()).bind("kid", sealed.keyId())
                        .bind("fp", fingerprint).bind("masked", key.masked()).bind("label", label == null ? "" : label.trim())
                        .bind("service", store.id()).bind("max", max)
                        .bind("retireAt", retireAt == null ? null : retireAt.toEpochMilli())
                        .bind("cooldown", probe instanceof ProbeResult.Throttled t ? t.until().toEpochMilli() : null)
                        .bind("now", now)
                        // the probe above is the key's first check; without a validator nothing was checked
                        .bind("checked", validator == null ? null : now).execute();
                KeyHealth.record(handle, id, KeyHealth.HEALTHY, "added", now);
            });
        } catch (RuntimeException e) {
            if (exists("fingerprint", fingerprint)) {
                throw PoolAdminException.conflict("this key is already in the pool");
            }
            throw e;
        }
        LOG.info("pool key {} ({}, {}) added with room for {} users", id, store.id(), key.masked(), max);
        return find(id);
    }

    List<PoolKeyView> list() {
        long now = clock.millis();
        Map<String, UsageStats.Aggregate> day = usage.stats(Instant.ofEpochMilli(now).minus(Duration.ofDays(1)),
                Instant.ofEpochMilli(now + 1)).keys().stream()
                .collect(Collectors.toMap(UsageStats.Aggregate::id, a -> a));
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT_VIEW + " ORDER BY k.created_at, k.id")
                .map((rs, ctx) -> {
                    String id = rs.getString("id");
                    UsageStats.Aggregate stats = day.getOrDefault(id, UsageStats.Aggregate.none(id));
                    return view(rs, now, stats);
                }).list());
    }

    /** Active keys the configured encryption key cannot open; reads only the keys (no usage figures, unlike {@link #list}). */
    long undecryptable() {
        long now = clock.millis();
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT k.id, k.key_ciphertext, k.key_nonce,"
                        + " k.key_cipher_id FROM torbox_pool_keys k WHERE k.retired_at IS NULL"
                        + " AND (k.retire_at IS NULL OR k.retire_at > :now)")
                .bind("now", now)
                .map((rs, ctx) -> opens(rs))
                .list().stream().filter(opens -> !opens).count());
    }

    PoolKeyView find(String id) {
        long now = clock.millis();
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT_VIEW + " WHERE k.id = :id").bind("id", id)
                        .map((rs, ctx) -> view(rs, now, UsageStats.Aggregate.none(id))).findOne())
                .orElseThrow(() -> PoolAdminException.notFound("pool key " + id + " not found"));
    }

    /** Retired keys take no user; their users get another key on their next request, without a denial. */
    void retire(String id) {
        long now = clock.millis();
        database.jdbi().useTransaction(handle -> {
            requireKey(handle, id);
            int changed = handle.createUpdate("UPDATE torbox_pool_keys SET retired_at = :now WHERE id = :id AND retired_at IS NULL")
                    .bind("now", now).bind("id", id).execute();
            if (changed > 0) {
                handle.createUpdate("DELETE FROM torbox_pool_assignments WHERE pool_key_id = :id").bind("id", id).execute();
                KeyAffinity.forgetKey(handle, id);
                KeyHealth.record(handle, id, "retired", "retired", now);
            }
        });
        LOG.info("pool key {} retired", id);
    }

    /**
     * Changes what an operator may change on a key: label, room, scheduled retirement. Null leaves a field as it is;
     * {@code clearRetireAt} cancels a scheduled retirement.
     */
    PoolKeyView update(String id, String label, Integer maxUsers, Instant retireAt, boolean clearRetireAt) {
        if (maxUsers != null) {
            requireMaxUsers(maxUsers);
        }
        requireFuture(retireAt);
        database.jdbi().useTransaction(handle -> {
            requireKey(handle, id);
            if (handle.createQuery("SELECT count(*) FROM torbox_pool_keys WHERE id = :id AND retired_at IS NULL"
                            + " AND (retire_at IS NULL OR retire_at > :now)")
                    .bind("id", id).bind("now", clock.millis()).mapTo(Integer.class).one() == 0) {
                throw PoolAdminException.conflict("pool key " + id + " is retired");
            }
            if (label != null) {
                handle.createUpdate("UPDATE torbox_pool_keys SET label = :l WHERE id = :id").bind("l", label.trim()).bind("id", id).execute();
            }
            if (maxUsers != null) {
                handle.createUpdate("UPDATE torbox_pool_keys SET max_users = :m WHERE id = :id").bind("m", maxUsers).bind("id", id).execute();
            }
            if (retireAt != null || clearRetireAt) {
                Long at = retireAt == null ? null : retireAt.toEpochMilli();
                handle.createUpdate("UPDATE torbox_pool_keys SET retire_at = :at WHERE id = :id").bind("at", at).bind("id", id).execute();
                KeyHealth.record(handle, id, "rotation", at == null ? "retirement cancelled" : "retires at " + retireAt, clock.millis());
            }
        });
        LOG.info("pool key {} updated{}", id, retireAt == null ? "" : ", retires at " + retireAt);
        return find(id);
    }

    /** Keys whose scheduled retirement has come and that are not retired yet. */
    List<String> dueForRetirement() {
        long now = clock.millis();
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM torbox_pool_keys"
                        + " WHERE retired_at IS NULL AND retire_at IS NOT NULL AND retire_at <= :now ORDER BY id")
                .bind("now", now).mapTo(String.class).list());
    }

    List<KeyHealthEntry> history(String id) {
        return database.jdbi().withHandle(handle -> {
            requireKey(handle, id);
            return KeyHealth.history(handle, id, 200);
        });
    }

    private static void requireKey(Handle handle, String id) {
        if (handle.createQuery("SELECT count(*) FROM torbox_pool_keys WHERE id = :id").bind("id", id).mapTo(Integer.class).one() == 0) {
            throw PoolAdminException.notFound("pool key " + id + " not found");
        }
    }

    /** A pooled service's id ({@code torbox}, …); absent means TorBox, as before other services were pooled. */
    static StoreName service(String raw) {
        if (raw == null || raw.isBlank()) {
            return StoreName.TORBOX;
        }
        String id = raw.trim().toLowerCase(Locale.ROOT);
        return StoreName.pooledStores().stream().filter(store -> store.id().equals(id)).findFirst()
                .orElseThrow(() -> PoolAdminException.invalid("service: must be one of " + StoreName.pooledStores().stream()
                        .map(StoreName::id).collect(Collectors.joining(", "))));
    }

    private static void requireMaxUsers(int max) {
        if (max < 1 || max > MAX_USERS_LIMIT) {
            throw PoolAdminException.invalid("maxUsers: must be between 1 and " + MAX_USERS_LIMIT);
        }
    }

    private void requireFuture(Instant retireAt) {
        if (retireAt != null && !retireAt.isAfter(clock.instant())) {
            throw PoolAdminException.invalid("retireAt: must be in the future (to retire a key now, use its retire action)");
        }
    }

    private boolean exists(String column, String value) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM torbox_pool_keys WHERE " + column + " = :v")
                .bind("v", value).mapTo(Integer.class).one() > 0);
    }

    private static final String SELECT_VIEW = "SELECT k.id, k.label, k.service, k.masked_key, k.health, k.max_users,"
            + " k.cooldown_until, k.retired_at, k.retire_at, k.created_at, k.last_checked_at, k.key_ciphertext, k.key_nonce, k.key_cipher_id,"
            + " (SELECT count(*) FROM torbox_pool_assignments a WHERE a.pool_key_id = k.id) AS assigned"
            + " FROM torbox_pool_keys k";

    private PoolKeyView view(ResultSet rs, long now, UsageStats.Aggregate stats) throws SQLException {
        Instant cooldown = instant(rs, "cooldown_until");
        Instant retireAt = instant(rs, "retire_at");
        Instant created = instant(rs, "created_at");
        boolean retired = rs.getObject("retired_at") != null || retireAt != null && retireAt.toEpochMilli() <= now;
        String status = retired ? "retired"
                : !opens(rs) ? UNDECRYPTABLE
                : cooldown != null && cooldown.toEpochMilli() > now ? "cooldown"
                : rs.getString("health");
        return new PoolKeyView(rs.getString("id"), rs.getString("label"), rs.getString("service"), rs.getString("masked_key"),
                status, rs.getInt("max_users"), rs.getInt("assigned"), stats.requests(), stats.cachedRatio(),
                stats.playbacks(), stats.playbackCachedRatio(),
                cooldown != null && cooldown.toEpochMilli() > now ? cooldown : null,
                created, instant(rs, "last_checked_at"), retireAt,
                !retired && rotationInterval.filter(interval -> created.plus(interval).toEpochMilli() <= now).isPresent());
    }

    /** Whether the configured encryption key opens this row's key (a lost or replaced key file does not). */
    private boolean opens(ResultSet rs) throws SQLException {
        try {
            cipher.decrypt(new EncryptedValue(rs.getString("key_ciphertext"), rs.getString("key_nonce"),
                    rs.getString("key_cipher_id")), rs.getString("id"));
            return true;
        } catch (IllegalStateException | IllegalArgumentException e) {
            return false;
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
