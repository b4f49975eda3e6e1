package dev.chillproxy.server.torz;

import java.time.Clock;
import java.time.Duration;

import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;

/**
 * Tells the pool when a store rejected (401/403) or throttled (429) a pool key, so its users move to another key
 * or the key rests. Only the key's own service can say so: a failure of any other store (or of our own outbound
 * budget, which never reached the service) says nothing about the key. A user's own legacy token is not the pool's
 * business. The pool confirms a 401/403 itself before it marks a key failing. Thread-safe.
 */
public final class KeyProblemReporter {

    private static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(1);

    private final KeyProblemSink pool;
    private final Clock clock;

    public KeyProblemReporter(KeyProblemSink pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public void report(Access.Granted access, StoreException failure) {
        if (!access.pooled() || !failure.store().code().equals(access.store()) || failure.isOwnLimit()) {
            return;
        }
        if (failure.code() == ErrorCode.UNAUTHORIZED || failure.code() == ErrorCode.FORBIDDEN) {
            pool.reportKeyProblem(access.keyId(), new KeyProblem.Unauthorized());
        } else if (failure.code() == ErrorCode.TOO_MANY_REQUESTS) {
            Duration wait = failure.retryAfter().orElse(DEFAULT_COOLDOWN);
            pool.reportKeyProblem(access.keyId(), new KeyProblem.Throttled(clock.instant().plus(wait)));
        }
    }
}
