package dev.chillproxy.chillstreams.embedded;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.secret.EncryptedValue;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.core.store.StoreName;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the embedded pool does with a key problem a store call reported: a 429 puts the key in cooldown; a 401/403 is
 * first confirmed with the key's own service, because a WAF page or a 403 for one torrent is not a dead key, and only a
 * confirmed refusal marks the key failing (its users move on their next request). Thread-safe.
 */
final class ReportedKeyProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ReportedKeyProblems.class);
    private static final long CONFIRM_INTERVAL_MILLIS = 30_000;

    private final Database database;
    private final WriteTransactions transactions;
    private final PoolKeyCipher cipher;
    private final Clock clock;
    private final KeyProbe confirm;
    /** When each key's last 401/403 was checked with the probe, so a burst of reports costs one probe per key. */
    private final Map<String, Long> lastConfirmed = new ConcurrentHashMap<>();

    ReportedKeyProblems(Database database, WriteTransactions transactions, PoolKeyCipher cipher, Clock clock, KeyProbe confirm) {
        this.database = database;
        this.transactions = transactions;
        this.cipher = cipher;
        this.clock = clock;
        this.confirm = confirm;
    }

    void report(String poolKeyId, KeyProblem problem) {
        long now = clock.millis();
        try {
            KeyProblem confirmed = problem instanceof KeyProblem.Unauthorized ? confirmRefusal(poolKeyId, now) : problem;
            if (confirmed == null) {
                return;
            }
            transactions.run(handle -> recordProblem(handle, poolKeyId, confirmed, now));
        } catch (RuntimeException e) {
            LOG.error("could not record a problem with pool key {}: {}", poolKeyId, e.getClass().getSimpleName());
        }
    }

    /**
     * Asks the key's service whether a key reported as refused (401/403) really is: a confirmed refusal stays one, a
     * throttled probe becomes a cooldown, anything else (the key works, or the service could not be asked) keeps the
     * key as it is. At most one probe per key per {@link #CONFIRM_INTERVAL_MILLIS}; reports in between are dropped.
     * The probe runs outside any transaction. Returns null when nothing is to be recorded.
     */
    private KeyProblem confirmRefusal(String poolKeyId, long now) {
        Long last = lastConfirmed.get(poolKeyId);
        if (last != null && now - last < CONFIRM_INTERVAL_MILLIS) {
            return null;
        }
        Optional<Sealed> sealed = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT key_ciphertext, key_nonce, key_cipher_id, service FROM torbox_pool_keys WHERE id = :id"
                                + " AND retired_at IS NULL")
                .bind("id", poolKeyId)
                .map((rs, ctx) -> new Sealed(new EncryptedValue(rs.getString(1), rs.getString(2), rs.getString(3)),
                        StoreName.fromCode(rs.getString(4)))).findOne());
        if (sealed.isEmpty()) {
            return null;
        }
        lastConfirmed.put(poolKeyId, now);
        ProbeResult result = confirm.probe(sealed.get().service(), cipher.decrypt(sealed.get().key(), poolKeyId));
        if (result instanceof ProbeResult.Unauthorized) {
            return new KeyProblem.Unauthorized();
        }
        if (result instanceof ProbeResult.Throttled throttled) {
            return new KeyProblem.Throttled(throttled.until());
        }
        LOG.info("pool key {} was refused by the store but its check says {}: kept", poolKeyId,
                result instanceof ProbeResult.Ok ? "it works" : "nothing certain");
        return null;
    }

    private record Sealed(EncryptedValue key, StoreName service) {
    }

    private static boolean recordProblem(Handle handle, String poolKeyId, KeyProblem problem, long now) {
        boolean exists = handle.createQuery("SELECT count(*) FROM torbox_pool_keys WHERE id = :id")
                .bind("id", poolKeyId).mapTo(Integer.class).one() > 0;
        if (!exists) {
            return false;
        }
        if (problem instanceof KeyProblem.Throttled throttled) {
            handle.createUpdate("UPDATE torbox_pool_keys SET cooldown_until = :until WHERE id = :id"
                            + " AND (cooldown_until IS NULL OR cooldown_until < :until)")
                    .bind("until", throttled.until().toEpochMilli()).bind("id", poolKeyId).execute();
            KeyHealth.record(handle, poolKeyId, "cooldown", "throttled (429) until " + throttled.until(), now);
            LOG.warn("pool key {} throttled until {}; its users move to other keys meanwhile", poolKeyId, throttled.until());
        } else {
            KeyHealth.set(handle, poolKeyId, KeyHealth.FAILING, "refused by the store (401/403)", now, false);
            LOG.warn("pool key {} refused by the store; marked failing, its users move on their next request", poolKeyId);
        }
        return true;
    }
}
