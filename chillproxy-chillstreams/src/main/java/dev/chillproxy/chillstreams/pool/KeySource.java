package dev.chillproxy.chillstreams.pool;

/**
 * Where a pool key for one call comes from: the embedded pool, a remote Chillstreams, or the grant cache in front of
 * either. Implementations are thread-safe and never throw: a pool that cannot be asked answers {@link Grant.Denied}
 * with {@code POOL_UNREACHABLE} (fail closed).
 */
public interface KeySource {

    Grant getKey(GetKeyRequest request);
}
