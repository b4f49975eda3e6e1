package dev.chillproxy.server.limits;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets keyed by a string (a client IP, a user): this instance's ({@link KeyedTokenBuckets}) or shared by every
 * instance. Implementations are thread-safe.
 */
public interface RateBuckets {

    /** Takes a token for {@code key}: empty when allowed, else how long until a token is free. */
    Optional<Duration> take(String key);

    /** Makes the buckets of one named limit. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param name  which limit ({@code ip}, {@code user}); a shared store keys its buckets by it
         * @param burst tokens a full bucket holds
         */
        RateBuckets create(String name, int ratePerSecond, int burst);
    }
}
