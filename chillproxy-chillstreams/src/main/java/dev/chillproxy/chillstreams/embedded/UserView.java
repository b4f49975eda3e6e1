package dev.chillproxy.chillstreams.embedded;

import java.time.Instant;
import java.util.Objects;

/** A pool user; {@code email} may be null. */
public record UserView(String id, String email, String status, Instant createdAt) {

    public UserView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
