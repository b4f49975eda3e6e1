package dev.chillproxy.chillstreams.embedded;

import java.time.Instant;
import java.util.Objects;

/** What a {@link KeyProbe} learned about one key. */
public sealed interface ProbeResult {

    /** The key works. */
    record Ok() implements ProbeResult {
    }

    /** 401/403: the key was revoked or is wrong. */
    record Unauthorized() implements ProbeResult {
    }

    /** 429: the service asks us to wait until {@code until}. */
    record Throttled(Instant until) implements ProbeResult {
        public Throttled {
            Objects.requireNonNull(until, "until");
        }
    }

    /** Anything else (timeout, 5xx, unreadable answer); {@code message} must not contain the key. */
    record Error(String message) implements ProbeResult {
        public Error {
            Objects.requireNonNull(message, "message");
        }
    }
}
