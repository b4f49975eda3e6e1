package dev.chillproxy.store.http;

/** The state of a service's {@link CircuitBreaker}. */
public enum CircuitState {
    /** Calls go through; failures are counted. */
    CLOSED,
    /** Calls fail at once without reaching the service until the cool-down ends. */
    OPEN,
    /** The cool-down is over: the next call (exactly one) probes the service; the others still fail at once. */
    HALF_OPEN
}
