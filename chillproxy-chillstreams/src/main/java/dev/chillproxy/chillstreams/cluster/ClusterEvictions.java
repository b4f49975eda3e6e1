package dev.chillproxy.chillstreams.cluster;

import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.chillstreams.embedded.PoolChanges;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a change that revokes cached grants goes: this instance's caches at once, then every other instance through
 * the publisher (PostgreSQL {@code NOTIFY}; none on SQLite, where this instance is the only one). A publish that
 * fails is logged and dropped: the others' listeners share the database, so they are down too and trust no cache.
 * Thread-safe.
 */
public final class ClusterEvictions implements PoolChanges {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvictions.class);

    private final CacheEvictions local;
    private final Optional<NotifyChannel> others;

    public ClusterEvictions(CacheEvictions local, Optional<NotifyChannel> others) {
        this.local = Objects.requireNonNull(local, "local");
        this.others = Objects.requireNonNull(others, "others");
    }

    @Override
    public void userChanged(String userId) {
        publish(Eviction.user(userId));
    }

    @Override
    public void keyRetired(String poolKeyId) {
        publish(Eviction.key(poolKeyId));
    }

    /** A sink that records key problems in {@code pool}, then evicts the key everywhere (failing, cooldown). */
    public KeyProblemSink afterKeyProblems(KeyProblemSink pool) {
        Objects.requireNonNull(pool, "pool");
        return (String poolKeyId, KeyProblem problem) -> {
            pool.reportKeyProblem(poolKeyId, problem);
            keyRetired(poolKeyId);
        };
    }

    private void publish(Eviction eviction) {
        eviction.applyTo(local);
        others.ifPresent(channel -> {
            try {
                channel.publish(eviction);
            } catch (RuntimeException e) {
                LOG.warn("could not tell the other instances about a revocation: {}", e.getClass().getSimpleName());
            }
        });
    }
}
