package dev.chillproxy.store.alldebrid;

import dev.chillproxy.store.ErrorCode;
import java.util.Map;

/** AllDebrid {@code error.code} → {@link ErrorCode}, per the reference's selection. */
final class AllDebridErrors {

    private static final Map<String, ErrorCode> CODES = Map.ofEntries(
            Map.entry("AUTH_MISSING_APIKEY", ErrorCode.UNAUTHORIZED),
            Map.entry("AUTH_BAD_APIKEY", ErrorCode.UNAUTHORIZED),
            Map.entry("AUTH_BLOCKED", ErrorCode.FORBIDDEN),
            Map.entry("AUTH_USER_BANNED", ErrorCode.FORBIDDEN),
            Map.entry("MUST_BE_PREMIUM", ErrorCode.PAYMENT_REQUIRED),
            Map.entry("MAGNET_MUST_BE_PREMIUM", ErrorCode.PAYMENT_REQUIRED),
            Map.entry("FREE_TRIAL_LIMIT_REACHED", ErrorCode.PAYMENT_REQUIRED),
            Map.entry("MAGNET_TOO_MANY_ACTIVE", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("MAGNET_TOO_MANY", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("LINK_TOO_MANY_DOWNLOADS", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("LINK_HOST_LIMIT_REACHED", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("LINK_HOST_FULL", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("MAGNET_INVALID_ID", ErrorCode.NOT_FOUND),
            Map.entry("MAGNET_LINKS_REMOVED", ErrorCode.NOT_FOUND),
            Map.entry("404", ErrorCode.NOT_FOUND),
            Map.entry("MAGNET_INVALID_URI", ErrorCode.BAD_REQUEST),
            Map.entry("MAGNET_INVALID_FILE", ErrorCode.BAD_REQUEST),
            Map.entry("MAGNET_NO_URI", ErrorCode.BAD_REQUEST),
            Map.entry("DELAYED_INVALID_ID", ErrorCode.BAD_REQUEST),
            Map.entry("MAGNET_TOO_LARGE", ErrorCode.UNPROCESSABLE_ENTITY),
            Map.entry("MAGNET_MAGNET_TOO_BIG", ErrorCode.UNPROCESSABLE_ENTITY),
            Map.entry("MAGNET_PROCESSING_FAILED", ErrorCode.UNPROCESSABLE_ENTITY),
            Map.entry("MAGNET_CANT_BOOTSTRAP", ErrorCode.UNPROCESSABLE_ENTITY),
            Map.entry("MAGNET_TOOK_TOO_LONG", ErrorCode.UNPROCESSABLE_ENTITY),
            Map.entry("MAGNET_PROCESSING_COOLDOWN", ErrorCode.TOO_MANY_REQUESTS),
            Map.entry("NO_SERVER", ErrorCode.FORBIDDEN),
            Map.entry("MAGNET_NO_SERVER", ErrorCode.FORBIDDEN),
            Map.entry("LINK_PASS_PROTECTED", ErrorCode.FORBIDDEN),
            Map.entry("MAINTENANCE", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("LINK_DOWN", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("LINK_HOST_UNAVAILABLE", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("LINK_TEMPORARY_UNAVAILABLE", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("LINK_HOST_NOT_SUPPORTED", ErrorCode.NOT_IMPLEMENTED),
            Map.entry("LINK_NOT_SUPPORTED", ErrorCode.NOT_IMPLEMENTED),
            Map.entry("DISCONTINUED", ErrorCode.NOT_IMPLEMENTED));

    private AllDebridErrors() {
    }

    static ErrorCode map(String code, int status) {
        ErrorCode known = CODES.get(code);
        if (known != null) {
            return known;
        }
        return status >= 400 ? ErrorCode.forStatus(status) : ErrorCode.BAD_REQUEST;
    }
}
