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
 * @param outcome   for {@code stream-served}: what the playback came to ({@code served}, {@code torrent-added},
 *                  {@code failed}); "" otherwise and on rows recorded before outcomes existed
 * @param reason    for {@code denied}: the refusal ({@code device-limit}, {@code user-disabled}, …); "" otherwise
 */
public record UsageEvent(String eventId, String userId, String poolKeyId, String action, String hash,
                         boolean cached, long bytes, Instant at, String outcome, String reason) {

    /** A served playback: the link was resolved and the player sent to the file. */
    public static final String SERVED = "served";
    /** An uncached playback: the torrent was added to the pool key and the player shown "downloading". */
    public static final String TORRENT_ADDED = "torrent-added";
    /** A playback with a key that still could not play (download failed, no matching file, store error). */
    public static final String FAILED = "failed";

    /** An event without outcome or reason. */
    public UsageEvent(String eventId, String userId, String poolKeyId, String action, String hash, boolean cached,
                      long bytes, Instant at) {
        this(eventId, userId, poolKeyId, action, hash, cached, bytes, at, "", "");
    }

    public UsageEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        poolKeyId = Objects.requireNonNullElse(poolKeyId, "");
        Objects.requireNonNull(action, "action");
        hash = Objects.requireNonNullElse(hash, "");
        Objects.requireNonNull(at, "at");
        outcome = Objects.requireNonNullElse(outcome, "");
        reason = Objects.requireNonNullElse(reason, "");
    }
}
