package dev.chillproxy.chillstreams.embedded;

import dev.chillproxy.core.secret.ApiKey;

/**
 * Asks the debrid service whether a key works (for TorBox: {@code GET user/me}). The server wires the real
 * call; this module stays free of store adapters. Implementations are thread-safe and never put the key in
 * the result.
 */
@FunctionalInterface
public interface KeyProbe {

    ProbeResult probe(ApiKey key);
}
