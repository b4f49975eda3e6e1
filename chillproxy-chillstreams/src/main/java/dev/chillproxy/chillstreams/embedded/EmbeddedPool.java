package dev.chillproxy.chillstreams.embedded;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.embedded.secret.EncryptedValue;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.chillstreams.pool.RequestTally;
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.chillstreams.pool.UsageLog;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.torz.Access.Refusal;

/**
 * The pool on this server's own database (DESIGN §5), for every debrid service: a user holds one assignment per
 * service ({@link KeyAssignments}: failover and rotation), the device limit counts the user's devices across all
 * services, and a playback keeps to the key its torrent was played through ({@link KeyAffinity}). A grant is only
 * ever a key of the service asked for. Every {@link #getKey} reads the user, devices and assignment afresh: a device that already holds a slot on a usable key is answered by one read without the write
 * lock; everything else (a new device, a new or changed key) is decided inside one write transaction. So disabling a
 * user or retiring a key takes effect on the very next call and the device limit holds across threads and instances.
 * Its tables are created by the {@link #MIGRATIONS}, which the composition root applies before building it. A key reported as refused (401/403) is
 * checked with {@link KeyProbe} (its service's account call) before it is marked failing, so the same rule holds whichever
 * call saw the refusal. Thread-safe.
 */
public final class EmbeddedPool implements KeySource, UsageLog, KeyProblemSink, RequestTally, AutoCloseable {

    /** The migrations ({@link Database#migrate}) the embedded pool's tables need. */
    public static final List<String> MIGRATIONS = List.of("pool");
    public static final int DEFAULT_MAX_DEVICES = 3;
    public static final Duration DEFAULT_DEVICE_IDLE_RELEASE = DeviceSlots.DEFAULT_IDLE_RELEASE;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPool.class);
    /** Info hashes are 40 (hex) or 32 (base32) characters; anything longer is not remembered. */
    private static final int MAX_HASH_LENGTH = 64;

    private final Database database;
    private final WriteTransactions transactions;
    private final PoolKeyCipher cipher;
    private final Clock clock;
    private final DeviceSlots slots;
    private final DeviceTouches touches;
    private final ReportedKeyProblems problems;
    private final KeyAssignments assignments;

    /**
     * @param deviceIdleRelease a device's slot is freed after this long without a request ({@code DEVICE_IDLE_RELEASE})
     * @param confirm           asks the key's service ({@code user/me}) whether a key reported as refused really is: a
     *                          WAF page or a 403 for one torrent is not a dead key. Only a confirmed refusal marks the
     *                          key failing.
     */
    public EmbeddedPool(Database database, PoolKeyCipher cipher, Clock clock, int maxDevicesPerUser, Duration deviceIdleRelease,
                        KeyProbe confirm) {
        this.database = Objects.requireNonNull(database, "database");
        this.transactions = new WriteTransactions(database);
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.slots = new DeviceSlots(maxDevicesPerUser, deviceIdleRelease);
        this.touches = new DeviceTouches(database, deviceIdleRelease);
        this.problems = new ReportedKeyProblems(database, transactions, cipher, clock, confirm);
        this.assignments = new KeyAssignments(transactions);
    }

    /** Default idle release; takes every reported refusal at its word (no probe): for tests. */
    public EmbeddedPool(Database database, PoolKeyCipher cipher, Clock clock, int maxDevicesPerUser) {
        this(database, cipher, clock, maxDevicesPerUser, DEFAULT_DEVICE_IDLE_RELEASE,
                (service, key) -> new ProbeResult.Unauthorized());
    }

    public EmbeddedPool(Database database, PoolKeyCipher cipher, Clock clock) {
        this(database, cipher, clock, DEFAULT_MAX_DEVICES);
    }

    @Override
    public Grant getKey(GetKeyRequest request) {
        if (request.userId().isBlank() || request.deviceId().isBlank()) {
            return new Grant.Denied(Refusal.INVALID_REQUEST, "userId and deviceId are required.", null);
        }
        try {
            long now = clock.millis();
            Optional<KnownDevice> known = database.reads().withHandle(handle -> knownDevice(handle, request, now));
            Grant grant;
            if (known.isEmpty()) {
                grant = transactions.run(handle -> grant(handle, request, now));
            } else {
                // no write: last_seen and the request count are written in the background, at most once a minute
                touches.seen(request.userId(), request.deviceId(), now);
                KnownDevice device = known.get();
                grant = new Grant.Allowed(cipher.decrypt(device.sealed(), device.keyId()), device.keyId(), device.devices(),
                        device.service());
            }
            return grant instanceof Grant.Allowed allowed && request.isPlayback() ? withAffinity(allowed, request, now) : grant;
        } catch (RuntimeException e) {
            // fail closed; only the exception's type is logged: Jdbi's text carries the SQL and its bound values
            LOG.error("embedded pool could not answer get-key for user {}: {}", ApiKey.mask(request.userId()),
                    e.getClass().getSimpleName());
            return new Grant.Denied(Refusal.POOL_UNREACHABLE, "The key pool is unavailable right now. Try again shortly.", null);
        }
    }

    /**
     * The common case, one read without the user lock or any write: an active user's device that holds a slot, on a
     * usable assigned key. Its slot must be held by more than the touch lag ({@link DeviceTouches#interval()}): the
     * stored {@code last_seen} lags by up to that, and a locked transaction releasing idle slots meanwhile could
     * otherwise free this one; a device that close to idle release takes the locked path, which writes at once.
     */
    private Optional<KnownDevice> knownDevice(Handle handle, GetKeyRequest request, long now) {
        return handle.createQuery("SELECT k.id, k.key_ciphertext, k.key_nonce, k.key_cipher_id, k.service,"
                        + " (SELECT count(*) FROM torbox_pool_devices c WHERE c.user_id = u.id AND "
                        + DeviceSlots.activeCondition("c") + ") AS devices"
                        + " FROM users u"
                        + " JOIN torbox_pool_devices d ON d.user_id = u.id AND d.device_id = :d AND d.last_seen > :heldCutoff"
                        + " JOIN torbox_pool_assignments a ON a.user_id = u.id AND a.service = :s"
                        + " JOIN torbox_pool_keys k ON k.id = a.pool_key_id"
                        // a key scheduled to retire takes the locked path, which moves its users to a successor
                        + " WHERE u.id = :u AND u.status = 'active' AND k.retire_at IS NULL AND " + KeyAssignments.usable("k"))
                .bind("u", request.userId()).bind("d", request.deviceId()).bind("s", request.service()).bind("now", now)
                .bind("cutoff", slots.cutoff(now))
                .bind("heldCutoff", slots.cutoff(now) + touches.interval().toMillis())
                .map((rs, ctx) -> new KnownDevice(rs.getString(1),
                        new EncryptedValue(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getString("service"),
                        rs.getInt("devices")))
                .findOne();
    }

    private record KnownDevice(String keyId, EncryptedValue sealed, String service, int devices) {
    }

    private record SealedKey(EncryptedValue sealed, String service) {
    }

    private Grant grant(Handle handle, GetKeyRequest request, long now) {
        String userId = request.userId();
        Optional<String> status = handle.createQuery("SELECT status FROM users WHERE id = :id" + transactions.forUpdate())
                .bind("id", userId).mapTo(String.class).findOne();
        if (status.isEmpty()) {
            return new Grant.Denied(Refusal.UNKNOWN_USER, "Unknown user. Check the user id in your addon configuration.", null);
        }
        if (!"active".equals(status.get())) {
            return new Grant.Denied(Refusal.USER_DISABLED, "Your account is disabled. Contact the operator of this addon.", null);
        }
        DeviceSlots.Decision decision = slots.decide(handle, userId, request.deviceId(), now);
        if (decision instanceof DeviceSlots.Decision.Full full) {
            return new Grant.Denied(Refusal.DEVICE_LIMIT, slots.limitMessage(full), full.activeDevices());
        }
        StoreName service = request.store();
        Optional<String> keyId = assignments.choose(handle, userId, service, now);
        if (keyId.isEmpty()) {
            return KeyAssignments.anyKey(handle, service, now)
                    ? new Grant.Denied(Refusal.NO_KEY_AVAILABLE, "No " + service.label() + " pool key is free right now."
                            + " Try again later.", null)
                    : new Grant.Denied(Refusal.NO_SERVICE_KEY, "No " + service.label() + " key in the pool. Ask the operator"
                            + " of this addon to add one.", null);
        }
        int devices = slots.take(handle, userId, request.deviceId(), now, (DeviceSlots.Decision.Admitted) decision);
        SealedKey key = sealedKey(handle, keyId.get());
        return new Grant.Allowed(cipher.decrypt(key.sealed(), keyId.get()), keyId.get(), devices, key.service());
    }

    /**
     * A playback keeps to the key its torrent was first played through while that key is usable (key affinity: the
     * torrent is in that account); otherwise the granted key is remembered for the torrent. Device limits were already
     * checked for the grant.
     */
    private Grant withAffinity(Grant.Allowed granted, GetKeyRequest request, long now) {
        if (request.hash().length() > MAX_HASH_LENGTH) {
            return granted;
        }
        StoreName service = request.store();
        return database.jdbi().withHandle(handle -> {
            Optional<String> kept = KeyAffinity.keyFor(handle, request.userId(), service, request.hash(), now);
            if (kept.isEmpty()) {
                KeyAffinity.remember(handle, request.userId(), service, request.hash(), granted.poolKeyId(), now);
                return granted;
            }
            if (kept.get().equals(granted.poolKeyId())) {
                return granted;
            }
            SealedKey key = sealedKey(handle, kept.get());
            return new Grant.Allowed(cipher.decrypt(key.sealed(), kept.get()), kept.get(), granted.deviceCount(), key.service());
        });
    }

    private static SealedKey sealedKey(Handle handle, String keyId) {
        return handle.createQuery("SELECT key_ciphertext, key_nonce, key_cipher_id, service FROM torbox_pool_keys WHERE id = :id")
                .bind("id", keyId)
                .map((rs, ctx) -> new SealedKey(new EncryptedValue(rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getString(4))).one();
    }

    /**
     * Multi-row {@code INSERT}s ({@link UsageInserts}), ignoring event ids already stored; a batch of several is one
     * transaction. A single event is one statement, no transaction.
     */
    @Override
    public void logUsage(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        boolean plainJdbc = database.engine() == Engine.POSTGRESQL;
        try {
            if (events.size() == 1) {
                database.jdbi().useHandle(handle -> UsageInserts.insert(handle, events, plainJdbc));
            } else {
                database.jdbi().useTransaction(handle -> UsageInserts.insert(handle, events, plainJdbc));
            }
        } catch (RuntimeException | SQLException e) {
            throw new PoolUnavailableException("usage events could not be stored: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Requests the grant cache answered: added to the device's count with its next background write (a device gone
     * since then is skipped).
     */
    @Override
    public void countRequests(String userId, String deviceId, long requests) {
        touches.count(userId, deviceId, requests);
    }

    /** Writes the devices' last-seen times and request counts held in memory now (shutdown, tests). */
    @Override
    public void persistCounts() {
        touches.flush();
    }

    /** Stops the background writer of last-seen times after writing what it holds. */
    @Override
    public void close() {
        touches.close();
    }

    @Override
    public void reportKeyProblem(String poolKeyId, KeyProblem problem) {
        problems.report(poolKeyId, problem);
    }
}
