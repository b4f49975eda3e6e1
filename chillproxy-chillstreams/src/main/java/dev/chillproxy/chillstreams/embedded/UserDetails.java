package dev.chillproxy.chillstreams.embedded;

import java.util.List;
import java.util.Objects;

/** A user with the key assigned per service (none until the user's first request for it) and the known devices. */
public record UserDetails(UserView user, List<Assignment> assignments, List<DeviceView> devices) {

    /** The user's key of one service ({@code torbox}, {@code realdebrid}, …). */
    public record Assignment(String service, String poolKeyId) {
        public Assignment {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(poolKeyId, "poolKeyId");
        }
    }

    public UserDetails {
        Objects.requireNonNull(user, "user");
        assignments = List.copyOf(assignments);
        devices = List.copyOf(devices);
    }

    /** The TorBox assignment's key id, null when none (the single assignment of before other services were pooled). */
    public String poolKeyId() {
        return assignments.stream().filter(a -> "torbox".equals(a.service())).map(Assignment::poolKeyId).findFirst()
                .orElse(null);
    }
}
