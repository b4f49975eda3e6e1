package dev.chillproxy.chillstreams.embedded;

import java.util.List;
import java.util.Objects;

/** A user with the key currently assigned ({@code poolKeyId} null when none yet) and the known devices. */
public record UserDetails(UserView user, String poolKeyId, List<DeviceView> devices) {

    public UserDetails {
        Objects.requireNonNull(user, "user");
        devices = List.copyOf(devices);
    }
}
