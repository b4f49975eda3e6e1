package dev.chillproxy.store.realdebrid;

import dev.chillproxy.store.ErrorCode;
import java.util.Map;

/** Real-Debrid numeric {@code error_code} → {@link ErrorCode}; unknown codes fall back to the HTTP status. */
final class RealDebridErrors {

    private static final Map<Integer, ErrorCode> CODES = Map.ofEntries(
            Map.entry(-1, ErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry(1, ErrorCode.BAD_REQUEST), Map.entry(2, ErrorCode.BAD_REQUEST),
            Map.entry(3, ErrorCode.BAD_REQUEST), Map.entry(4, ErrorCode.BAD_REQUEST),
            Map.entry(5, ErrorCode.TOO_MANY_REQUESTS), Map.entry(34, ErrorCode.TOO_MANY_REQUESTS),
            Map.entry(6, ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry(7, ErrorCode.NOT_FOUND),
            Map.entry(8, ErrorCode.UNAUTHORIZED), Map.entry(12, ErrorCode.UNAUTHORIZED),
            Map.entry(13, ErrorCode.UNAUTHORIZED),
            Map.entry(9, ErrorCode.FORBIDDEN), Map.entry(10, ErrorCode.FORBIDDEN), Map.entry(11, ErrorCode.FORBIDDEN),
            Map.entry(14, ErrorCode.FORBIDDEN), Map.entry(15, ErrorCode.FORBIDDEN), Map.entry(22, ErrorCode.FORBIDDEN),
            Map.entry(16, ErrorCode.BAD_REQUEST), Map.entry(28, ErrorCode.BAD_REQUEST),
            Map.entry(30, ErrorCode.BAD_REQUEST), Map.entry(27, ErrorCode.BAD_REQUEST),
            Map.entry(32, ErrorCode.BAD_REQUEST),
            Map.entry(17, ErrorCode.SERVICE_UNAVAILABLE), Map.entry(19, ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry(24, ErrorCode.SERVICE_UNAVAILABLE), Map.entry(25, ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry(20, ErrorCode.PAYMENT_REQUIRED),
            Map.entry(18, ErrorCode.STORE_LIMIT_EXCEEDED), Map.entry(21, ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry(23, ErrorCode.STORE_LIMIT_EXCEEDED), Map.entry(26, ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry(36, ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry(29, ErrorCode.UNPROCESSABLE_ENTITY),
            Map.entry(31, ErrorCode.CONFLICT), Map.entry(33, ErrorCode.CONFLICT),
            Map.entry(35, ErrorCode.UNAVAILABLE_FOR_LEGAL_REASONS),
            Map.entry(37, ErrorCode.NOT_IMPLEMENTED));

    private RealDebridErrors() {
    }

    static ErrorCode map(long code, int status) {
        if (status == 429) {
            return ErrorCode.TOO_MANY_REQUESTS;
        }
        ErrorCode known = CODES.get((int) code);
        return known != null ? known : ErrorCode.forStatus(status);
    }
}
