package dev.chillproxy.store;

import dev.chillproxy.core.store.StoreName;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed store call. The message names the store, the code and the upstream's own words, always passed
 * through secret masking first, so it never carries an API key or token.
 */
public final class StoreException extends RuntimeException {

    private final StoreName store;
    private final ErrorCode code;
    private final int upstreamStatus;
    private final String upstreamCode;
    private final Duration retryAfter;
    private final boolean ownLimit;

    public StoreException(StoreName store, ErrorCode code, int upstreamStatus, String upstreamCode,
                          String message, Duration retryAfter) {
        this(store, code, upstreamStatus, upstreamCode, message, retryAfter, false);
    }

    private StoreException(StoreName store, ErrorCode code, int upstreamStatus, String upstreamCode,
                           String message, Duration retryAfter, boolean ownLimit) {
        super(store.id() + ": " + code + (upstreamStatus > 0 ? " (HTTP " + upstreamStatus + ")" : "")
                + (upstreamCode == null || upstreamCode.isBlank() ? "" : " [" + upstreamCode + "]")
                + (message == null || message.isBlank() ? "" : ": " + message));
        this.store = Objects.requireNonNull(store, "store");
        this.code = Objects.requireNonNull(code, "code");
        this.upstreamStatus = upstreamStatus;
        this.upstreamCode = upstreamCode;
        this.retryAfter = retryAfter;
        this.ownLimit = ownLimit;
    }

    /**
     * Our own outbound limit for this key (or user) is spent, so the call was not sent: a
     * {@link ErrorCode#TOO_MANY_REQUESTS} that says nothing about the key, which must not be put into cooldown for it.
     */
    public static StoreException ownLimit(StoreName store, String message, Duration retryAfter) {
        return new StoreException(store, ErrorCode.TOO_MANY_REQUESTS, 0, null, message, retryAfter, true);
    }

    /** True when {@link #ownLimit} made this: no request reached the service. */
    public boolean isOwnLimit() {
        return ownLimit;
    }

    public StoreException(StoreName store, ErrorCode code, int upstreamStatus, String message) {
        this(store, code, upstreamStatus, null, message, null);
    }

    public StoreName store() {
        return store;
    }

    public ErrorCode code() {
        return code;
    }

    /** The upstream HTTP status, or 0 when no response arrived (timeout, connection refused). */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** The service's own error code (TorBox {@code error}, RD {@code error_code}, ...), if it sent one. */
    public Optional<String> upstreamCode() {
        return Optional.ofNullable(upstreamCode);
    }

    /** How long the upstream asked us to wait, for {@link ErrorCode#TOO_MANY_REQUESTS}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
