package dev.chillproxy.chillstreams.pool;

import java.time.Instant;

/** What a store said about a pool key during a call. */
public sealed interface KeyProblem {

    /** 401/403: the key no longer works; its users move on their next request. */
    record Unauthorized() implements KeyProblem {
    }

    /** 429: leave the key alone until {@code until}. */
    record Throttled(Instant until) implements KeyProblem {
    }
}
