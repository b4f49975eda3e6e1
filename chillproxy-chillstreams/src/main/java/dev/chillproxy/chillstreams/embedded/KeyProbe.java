package dev.chillproxy.chillstreams.embedded;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;

/**
 * Asks a key's own debrid service whether the key works (its account call: TorBox {@code user/me}, Real-Debrid
 * {@code user}, …). The server wires the real calls; this module stays free of store adapters. Implementations are
 * thread-safe, send the key to {@code service} only, and never put the key in the result.
 */
@FunctionalInterface
public interface KeyProbe {

    ProbeResult probe(StoreName service, ApiKey key);
}
