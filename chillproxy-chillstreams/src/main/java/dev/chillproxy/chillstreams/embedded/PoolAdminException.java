package dev.chillproxy.chillstreams.embedded;

import java.util.Objects;

/** An admin request that cannot be carried out; the message is safe to return and never holds a key. */
public final class PoolAdminException extends RuntimeException {

    /** Maps to 404, 409 and 400 at the HTTP edge. */
    public enum Code {
        NOT_FOUND,
        CONFLICT,
        INVALID
    }

    private final Code code;

    public PoolAdminException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Code code() {
        return code;
    }

    static PoolAdminException notFound(String message) {
        return new PoolAdminException(Code.NOT_FOUND, message);
    }

    static PoolAdminException conflict(String message) {
        return new PoolAdminException(Code.CONFLICT, message);
    }

    static PoolAdminException invalid(String message) {
        return new PoolAdminException(Code.INVALID, message);
    }
}
