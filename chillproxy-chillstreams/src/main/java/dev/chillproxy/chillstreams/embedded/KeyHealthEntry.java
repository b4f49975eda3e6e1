package dev.chillproxy.chillstreams.embedded;

import java.time.Instant;
import java.util.Objects;

/** One health change of a pool key: what it became, when, and why (never the key itself). */
public record KeyHealthEntry(Instant at, String health, String detail) {

    public KeyHealthEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(health, "health");
        detail = Objects.requireNonNullElse(detail, "");
    }
}
