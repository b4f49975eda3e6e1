package dev.chillproxy.chillstreams.pool;

/** The pool could not be reached or refused a delivery; the message never contains a key. */
public final class PoolUnavailableException extends RuntimeException {

    public PoolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public PoolUnavailableException(String message) {
        super(message);
    }
}
