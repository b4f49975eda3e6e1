package dev.chillproxy.core.rank;

import java.util.Locale;
import java.util.Objects;

import dev.chillproxy.core.stream.StreamCandidate;

/** What a filter looks at: one candidate, and the store it would be served from ("" when none yet). */
record FilterSubject(StreamCandidate candidate, String storeCode, boolean cached) {

    FilterSubject {
        Objects.requireNonNull(candidate, "candidate");
        storeCode = Objects.requireNonNullElse(storeCode, "").toUpperCase(Locale.ROOT);
    }
}
