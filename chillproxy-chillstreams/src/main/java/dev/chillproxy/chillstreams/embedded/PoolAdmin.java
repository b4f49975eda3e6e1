package dev.chillproxy.chillstreams.embedded;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;

/**
 * The embedded pool's administration (DESIGN §5): pool keys, users, devices, usage. Every failure the caller
 * can fix is a {@link PoolAdminException} with a NOT_FOUND, CONFLICT or INVALID code; no answer ever contains a
 * pool key, only its masked form. Thread-safe.
 */
public final class PoolAdmin {

    private final PoolKeys keys;
    private final PoolUsers users;
    private final UsageReports usage;
    private final PoolChanges changes;

    public PoolAdmin(Database database, PoolKeyCipher cipher, Clock clock, KeyProbe validator) {
        this(database, cipher, clock, validator, PoolChanges.none());
    }

    /**
     * @param validator checks a new key before it is saved (TorBox {@code user/me}); null saves keys unchecked
     * @param changes   told after every change that must revoke cached grants
     */
    public PoolAdmin(Database database, PoolKeyCipher cipher, Clock clock, KeyProbe validator, PoolChanges changes) {
        this(database, cipher, clock, validator, changes, Optional.empty());
    }

    /** @param rotationInterval {@code POOL_ROTATION_INTERVAL}: keys older than this are flagged as due for rotation */
    public PoolAdmin(Database database, PoolKeyCipher cipher, Clock clock, KeyProbe validator, PoolChanges changes,
                     Optional<Duration> rotationInterval) {
        Objects.requireNonNull(database, "database");
        this.changes = Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(clock, "clock");
        this.usage = new UsageReports(database);
        this.keys = new PoolKeys(database, cipher, clock, validator, usage, Objects.requireNonNull(rotationInterval, "rotationInterval"));
        this.users = new PoolUsers(database, clock);
    }

    /** @param label, service (default torbox), maxUsers (default 20, see PoolKeys) may be null */
    public PoolKeyView createPoolKey(String apiKey, String label, String service, Integer maxUsers) {
        return createPoolKey(apiKey, label, service, maxUsers, null);
    }

    /**
     * Adds a key after its service's account call accepted it. A new key of a service with keys scheduled to retire is
     * their successor: their cached grants are dropped so their users reach the pool, and move, on their next request.
     *
     * @param retireAt when the key is to retire, null for never
     */
    public PoolKeyView createPoolKey(String apiKey, String label, String service, Integer maxUsers, Instant retireAt) {
        PoolKeyView created = keys.create(apiKey, label, service, maxUsers, retireAt);
        keys.list().stream().filter(key -> key.service().equals(created.service()) && key.retireAt() != null)
                .forEach(key -> changes.keyRotating(key.id()));
        return created;
    }

    /** @param retireAt a future time to schedule the key's retirement; {@code clearRetireAt} cancels one */
    public PoolKeyView updatePoolKey(String id, String label, Integer maxUsers, Instant retireAt, boolean clearRetireAt) {
        PoolKeyView updated = keys.update(id, label, maxUsers, retireAt, clearRetireAt);
        if (retireAt != null) {
            changes.keyRotating(id);
        }
        return updated;
    }

    public List<PoolKeyView> listPoolKeys() {
        return keys.list();
    }

    /** Retires every key whose scheduled time has come (their grants are evicted); returns how many. */
    public int retireDueKeys() {
        List<String> due = keys.dueForRetirement();
        due.forEach(this::retirePoolKey);
        return due.size();
    }

    /** Keys scheduled to retire, soonest first, with their users and whether a healthy successor is ready. */
    public List<RotationPlan> rotationPlan() {
        return RotationPlan.of(keys.list());
    }

    /** Active keys the configured encryption key cannot open (their status reads {@code undecryptable}). */
    public long undecryptableKeys() {
        return keys.undecryptable();
    }

    /** Idempotent; its users get another key on their next request. */
    public void retirePoolKey(String id) {
        keys.retire(id);
        changes.keyRetired(id);
    }

    /** Newest first. */
    public List<KeyHealthEntry> keyHealthHistory(String id) {
        return keys.history(id);
    }

    /** @param id a UUID, or null to generate one; @param email optional, unique */
    public UserView createUser(String id, String email) {
        return users.create(id, email);
    }

    /** Users whose id starts with, or whose email contains, {@code query}; newest first. */
    public List<UserView> findUsers(String query, int limit) {
        return users.search(query, limit);
    }

    public UserDetails getUser(String id) {
        return users.details(id);
    }

    /** {@code active} or {@code disabled}; takes effect on the user's next request. */
    public UserView setUserStatus(String id, String status) {
        UserView user = users.setStatus(id, status);
        changes.userChanged(user.id());
        return user;
    }

    /** Frees the device's slot; the device counts again as new on its next request. */
    public void revokeDevice(String userId, String deviceId) {
        users.revokeDevice(userId, deviceId);
        changes.userChanged(userId);
    }

    public UsagePage usage(UsageQuery query) {
        return usage.page(query);
    }

    /** Aggregates over {@code [from, to)}; either bound may be null for open. */
    public UsageStats stats(Instant from, Instant to) {
        return usage.stats(from, to);
    }
}
