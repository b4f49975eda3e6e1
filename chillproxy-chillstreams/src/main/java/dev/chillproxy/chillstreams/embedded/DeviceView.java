package dev.chillproxy.chillstreams.embedded;

import java.time.Instant;
import java.util.Objects;

/** One device of a user: its id (a hash, never an IP), when it was first and last seen, and how often. */
public record DeviceView(String deviceId, Instant firstSeen, Instant lastSeen, long requestCount) {

    public DeviceView {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
