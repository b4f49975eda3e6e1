package dev.chillproxy.chillstreams.pool;

import java.util.List;

/**
 * The pool as the stream and playback paths see it: a remote Chillstreams over HTTP, or the embedded pool
 * in-process. Implementations are thread-safe and never throw from {@link #getKey}: a pool that cannot be
 * asked answers {@link Grant.Denied} with {@link DenialReason#POOL_UNREACHABLE} (fail closed).
 */
public interface PoolClient {

    Grant getKey(GetKeyRequest request);

    /**
     * Delivers a batch of usage events; receivers ignore event ids they already have.
     *
     * @throws PoolUnavailableException when the batch was not accepted, so the outbox retries it later
     */
    void logUsage(List<UsageEvent> events);

    /** The store answered 401 (key revoked) or 429 (throttled) for this key; the pool may move users off it. */
    default void reportKeyProblem(String poolKeyId, KeyProblem problem) {
    }
}
