package dev.chillproxy.store;

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

    public StoreException(StoreName store, ErrorCode code, int upstreamStatus, String upstreamCode,
                          String message, Duration retryAfter) {
        super(store.id() + ": " + code + (upstreamStatus > 0 ? " (HTTP " + upstreamStatus + ")" : "")
                + (upstreamCode == null || upstreamCode.isBlank() ? "" : " [" + upstreamCode + "]")
                + (message == null || message.isBlank() ? "" : ": " + message));
        this.store = Objects.requireNonNull(store, "store");
        this.code = Objects.requireNonNull(code, "code");
        this.upstreamStatus = upstreamStatus;
        this.upstreamCode = upstreamCode;
        this.retryAfter = retryAfter;
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
