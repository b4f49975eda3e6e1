package dev.chillproxy.store.http;

import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per service (not per key), so a failing upstream costs each request one immediate error instead of a
 * timeout. Closed, it counts consecutive failed calls; at {@link BreakerSettings#failureThreshold()} it opens
 * and every call fails at once with {@link ErrorCode#SERVICE_UNAVAILABLE}. After the cool-down exactly one
 * call goes through as a probe: success closes it, failure opens it again. Only upstream faults count as
 * failures; a 4xx is the caller's or the key's problem and proves the service is up.
 *
 * <p>With a {@link SharedBreakerState} the open state is shared: a breaker another instance opened fails calls here too
 * until its cool-down ends, and a probe that succeeds anywhere closes it everywhere. Half-open probing stays per
 * instance. Thread-safe: every transition is a tiny critical section on this object; the shared state is read and
 * written outside it.
 */
final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    /** How a call that was let through ended. */
    public enum Outcome {
        /** The service answered (any status below 500). */
        SUCCESS,
        /** 5xx after retries, timeout or connection error. */
        FAILURE,
        /** Ended without telling anything about the service (e.g. interrupted); only frees the probe slot. */
        NEUTRAL
    }

    private final StoreName store;
    private final BreakerSettings settings;
    private final InstantSource clock;
    private final SharedBreakerState shared;
    private int consecutiveFailures;
    private Instant openUntil;
    private boolean probing;

    public CircuitBreaker(StoreName store, BreakerSettings settings, InstantSource clock) {
        this(store, settings, clock, SharedBreakerState.none());
    }

    public CircuitBreaker(StoreName store, BreakerSettings settings, InstantSource clock, SharedBreakerState shared) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    /**
     * Lets a call through or throws {@link ErrorCode#SERVICE_UNAVAILABLE} with the time left as retry-after.
     *
     * @return true when this call is the half-open probe; pass it back to {@link #record}
     */
    public boolean admit() {
        boolean probe = admitHere();
        if (!probe) {
            Duration elsewhere = shared.openFor(store);
            if (!elsewhere.isZero() && !elsewhere.isNegative()) {
                throw unavailable(elsewhere);
            }
        }
        return probe;
    }

    private synchronized boolean admitHere() {
        if (openUntil == null) {
            return false;
        }
        Duration left = Duration.between(clock.instant(), openUntil);
        if (left.isNegative() || left.isZero()) {
            if (!probing) {
                probing = true;
                return true;
            }
            left = Duration.ZERO;
        }
        throw unavailable(left);
    }

    private StoreException unavailable(Duration left) {
        long seconds = (left.toMillis() + 999) / 1000;
        return new StoreException(store, ErrorCode.SERVICE_UNAVAILABLE, 0, null, "circuit open: " + store.id()
                + " is failing; " + (seconds == 0 ? "a probe call is in flight" : "not calling it for " + seconds
                + " s"), left);
    }

    /** Records how an admitted call ended; {@code probe} is what {@link #admit()} returned for it. */
    public void record(boolean probe, Outcome outcome) {
        Change change = transition(probe, outcome);
        if (change == Change.OPENED) {
            shared.opened(store, settings.coolDown());
        } else if (change == Change.CLOSED) {
            shared.closed(store);
        }
    }

    private enum Change { NONE, OPENED, CLOSED }

    private synchronized Change transition(boolean probe, Outcome outcome) {
        if (probe) {
            probing = false;
        } else if (openUntil != null) {
            return Change.NONE; // a call admitted before the circuit opened: the probe alone decides now
        }
        if (outcome == Outcome.SUCCESS) {
            boolean wasOpen = openUntil != null;
            if (wasOpen) {
                LOG.info("{}: probe succeeded, circuit closed", store.id());
            }
            consecutiveFailures = 0;
            openUntil = null;
            return wasOpen ? Change.CLOSED : Change.NONE;
        }
        if (outcome == Outcome.FAILURE) {
            consecutiveFailures++;
            if (probe || consecutiveFailures >= settings.failureThreshold()) {
                openUntil = clock.instant().plus(settings.coolDown());
                LOG.warn("{}: {} consecutive failures, circuit open for {} s", store.id(), consecutiveFailures,
                        settings.coolDown().toSeconds());
                return Change.OPENED;
            }
        }
        return Change.NONE;
    }

    public synchronized CircuitState state() {
        if (openUntil == null) {
            return CircuitState.CLOSED;
        }
        return clock.instant().isBefore(openUntil) ? CircuitState.OPEN : CircuitState.HALF_OPEN;
    }

    /** This instance's state, or open when it is closed here but another instance keeps it open. */
    public StoreHealth health() {
        StoreHealth here = healthHere();
        if (here.state() == CircuitState.CLOSED) {
            Duration elsewhere = shared.openFor(store);
            if (!elsewhere.isZero() && !elsewhere.isNegative()) {
                return new StoreHealth(store, CircuitState.OPEN, here.consecutiveFailures(), elsewhere);
            }
        }
        return here;
    }

    private synchronized StoreHealth healthHere() {
        CircuitState state = state();
        Duration openFor = state == CircuitState.OPEN ? Duration.between(clock.instant(), openUntil) : Duration.ZERO;
        return new StoreHealth(store, state, consecutiveFailures, openFor);
    }
}
