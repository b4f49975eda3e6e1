package dev.chillproxy.chillstreams.embedded;

import java.time.Instant;
import java.util.Objects;

/**
 * A pool key as the admin API shows it: masked ({@code tb_…a1b2}), never the key itself.
 *
 * @param status         retired, undecryptable (the configured encryption key cannot open it), cooldown,
 *                       or the health (healthy, degraded, failing, disabled)
 * @param cooldownUntil  null unless throttled
 * @param requests24h    usage events on this key over the last 24 hours
 * @param cachedRatio24h share of those that were cached, 0 when none (stream lists count as cached: kept for old
 *                       clients, {@code playbackCachedRatio24h} is the figure to act on)
 * @param playbacks24h   playbacks on this key over the last 24 hours (served, or a torrent added)
 * @param playbackCachedRatio24h share of those playbacks served from cache, null when none
 * @param retireAt       when the key is scheduled to retire, null when not
 * @param rotationDue    the key is older than {@code POOL_ROTATION_INTERVAL} (always false when that is unset)
 */
public record PoolKeyView(String id, String label, String service, String maskedKey, String status, int maxUsers,
                          int assignedUsers, long requests24h, double cachedRatio24h, long playbacks24h,
                          Double playbackCachedRatio24h, Instant cooldownUntil,
                          Instant createdAt, Instant lastCheckedAt, Instant retireAt, boolean rotationDue) {

    public PoolKeyView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(maskedKey, "maskedKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
