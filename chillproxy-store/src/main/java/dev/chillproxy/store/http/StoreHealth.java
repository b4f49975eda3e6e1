package dev.chillproxy.store.http;

import dev.chillproxy.core.store.StoreName;
import java.time.Duration;
import java.util.Objects;

/**
 * A read-only snapshot of one service's circuit breaker, for health pages and metrics.
 *
 * @param consecutiveFailures failed calls in a row so far (reset by any answered call)
 * @param openFor             time left before the next probe when {@link CircuitState#OPEN}, otherwise zero
 */
public record StoreHealth(StoreName store, CircuitState state, int consecutiveFailures, Duration openFor) {

    public StoreHealth {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openFor, "openFor");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures: negative");
        }
    }
}
