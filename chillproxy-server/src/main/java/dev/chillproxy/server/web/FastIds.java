package dev.chillproxy.server.web;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique ids in the UUID text form without {@link UUID#randomUUID()}, whose shared {@code SecureRandom} serialises
 * every request thread: a 64-bit prefix drawn once per process from {@code SecureRandom}, then a counter. Ids from
 * two processes collide only if their prefixes do (odds 2^-58 per pair of starts), so event ids stay unique across
 * instances and restarts, which the usage log's idempotent delivery relies on. The version and variant bits are
 * those of a random UUID, so a receiver that checks the form accepts them. Thread-safe, lock-free.
 */
public final class FastIds {

    private static final long VERSION_MASK = 0xFFFF_FFFF_FFFF_0FFFL;
    private static final long VERSION_4 = 0x0000_0000_0000_4000L;
    private static final long VARIANT_MASK = 0x3FFF_FFFF_FFFF_FFFFL;
    private static final long VARIANT_IETF = 0x8000_0000_0000_0000L;

    private final long prefix;
    private final AtomicLong counter;

    public FastIds() {
        SecureRandom random = new SecureRandom();
        this.prefix = (random.nextLong() & VERSION_MASK) | VERSION_4;
        // a random start, so the low half does not give away how many requests this process has answered
        this.counter = new AtomicLong(random.nextLong());
    }

    public String next() {
        return new UUID(prefix, (counter.getAndIncrement() & VARIANT_MASK) | VARIANT_IETF).toString();
    }
}
