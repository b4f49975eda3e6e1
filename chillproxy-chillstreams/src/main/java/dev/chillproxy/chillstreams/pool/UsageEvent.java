package dev.chillproxy.chillstreams.pool;

import java.time.Instant;
import java.util.Objects;

/**
 * One usage record, as the outbox stores it and {@code log-usage} carries it. {@code eventId} makes delivery
 * idempotent: a receiver that sees an id twice keeps one row.
 *
 * @param poolKeyId "" when no key was granted (a denial)
 * @param hash      "" when none
 * @param bytes     bytes of the served file, 0 when unknown
 */
public record UsageEvent(String eventId, String userId, String poolKeyId, String action, String hash,
                         boolean cached, long bytes, Instant at) {

    public UsageEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        poolKeyId = Objects.requireNonNullElse(poolKeyId, "");
        Objects.requireNonNull(action, "action");
        hash = Objects.requireNonNullElse(hash, "");
        Objects.requireNonNull(at, "at");
    }
}
