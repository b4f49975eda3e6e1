package dev.chillproxy.chillstreams.signals;

import java.time.Instant;
import java.util.Objects;

/**
 * One piece of what a signal saw, as the operator reads it.
 *
 * @param item   a device id, a network fingerprint ({@code net-…}), an info hash, or a refusal reason
 * @param detail what it did: for a playback the hash played; "" otherwise
 * @param amount bytes of a file, or how many refusals; 0 where a count means nothing
 * @param first  when it was first seen
 * @param last   when it was last seen
 */
public record Evidence(String item, String detail, long amount, Instant first, Instant last) {

    public Evidence {
        Objects.requireNonNull(item, "item");
        detail = Objects.requireNonNullElse(detail, "");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }
}
