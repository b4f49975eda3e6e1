package dev.chillproxy.chillstreams.cluster;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Whether a revocation feed (PostgreSQL notifications, a remote Chillstreams' event stream) is connected, so that
 * cached grants can be trusted. Starts down: until the first connection, revocations could be missed. Thread-safe.
 */
public final class FeedStatus implements BooleanSupplier {

    private final AtomicBoolean up;

    private FeedStatus(boolean up) {
        this.up = new AtomicBoolean(up);
    }

    /** A feed that will connect; cached grants are not trusted before it did. */
    public static FeedStatus connecting() {
        return new FeedStatus(false);
    }

    /** No feed is needed (one instance, nobody else can revoke): always up. */
    public static FeedStatus notNeeded() {
        return new FeedStatus(true);
    }

    @Override
    public boolean getAsBoolean() {
        return up.get();
    }

    public boolean isUp() {
        return up.get();
    }

    /** @return true when this call changed the state */
    public boolean markUp() {
        return up.compareAndSet(false, true);
    }

    /** @return true when this call changed the state */
    public boolean markDown() {
        return up.compareAndSet(true, false);
    }
}
