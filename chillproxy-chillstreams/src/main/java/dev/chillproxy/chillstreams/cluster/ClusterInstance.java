package dev.chillproxy.chillstreams.cluster;

import java.time.Instant;
import java.util.Objects;

/** One registered instance as the registry saw it; {@code live} when its last heartbeat is recent. */
public record ClusterInstance(String id, String version, Instant startedAt, Instant lastSeen, boolean sharedLimits,
                              boolean live) {

    public ClusterInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
