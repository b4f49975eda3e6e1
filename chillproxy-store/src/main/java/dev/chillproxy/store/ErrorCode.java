package dev.chillproxy.store;

/** StremThru's error codes for store failures; each carries the HTTP status the edge should use. */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    PAYMENT_REQUIRED(402),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    UNPROCESSABLE_ENTITY(422),
    TOO_MANY_REQUESTS(429),
    UNAVAILABLE_FOR_LEGAL_REASONS(451),
    INTERNAL_SERVER_ERROR(500),
    NOT_IMPLEMENTED(501),
    SERVICE_UNAVAILABLE(503),
    /** Keeps the upstream status in StremThru; too many active downloads, quota, traffic. */
    STORE_LIMIT_EXCEEDED(429),
    /** Keeps the upstream status in StremThru; the store did not answer or answered with a gateway page. */
    STORE_SERVER_DOWN(502);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code for a bare upstream HTTP status when the body names no better one. */
    public static ErrorCode forStatus(int status) {
        if (status == 401) {
            return UNAUTHORIZED;
        }
        if (status == 402) {
            return PAYMENT_REQUIRED;
        }
        if (status == 403) {
            return FORBIDDEN;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 409) {
            return CONFLICT;
        }
        if (status == 422) {
            return UNPROCESSABLE_ENTITY;
        }
        if (status == 429) {
            return TOO_MANY_REQUESTS;
        }
        if (status == 451) {
            return UNAVAILABLE_FOR_LEGAL_REASONS;
        }
        if (status == 501) {
            return NOT_IMPLEMENTED;
        }
        if (status == 503) {
            return SERVICE_UNAVAILABLE;
        }
        if (status == 502 || status == 504 || (status >= 520 && status <= 530)) {
            return STORE_SERVER_DOWN;
        }
        if (status >= 500) {
            return INTERNAL_SERVER_ERROR;
        }
        return BAD_REQUEST;
    }
}
