package dev.chillproxy.store.http;

import java.time.Duration;

import dev.chillproxy.core.store.StoreName;

/**
 * The open/closed state of the services' circuit breakers as every instance sees it, so when one instance opens a
 * service's breaker the others stop calling it too. {@link #none()} when this instance is alone. Implementations are
 * thread-safe and never throw: an unreachable shared store reads as "not open elsewhere".
 */
public interface SharedBreakerState {

    /** How long some instance still keeps {@code store}'s breaker open; zero when none does. */
    Duration openFor(StoreName store);

    /** This instance opened the breaker for {@code coolDown}. */
    void opened(StoreName store, Duration coolDown);

    /** A probe succeeded here: the service answers again. */
    void closed(StoreName store);

    /** Nothing shared: each instance's breakers are its own. */
    static SharedBreakerState none() {
        return new SharedBreakerState() {
            @Override
            public Duration openFor(StoreName store) {
                return Duration.ZERO;
            }

            @Override
            public void opened(StoreName store, Duration coolDown) {
            }

            @Override
            public void closed(StoreName store) {
            }
        };
    }
}
