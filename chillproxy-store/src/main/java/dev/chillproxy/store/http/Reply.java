package dev.chillproxy.store.http;

import java.time.Duration;

/**
 * A fully read upstream response.
 *
 * @param retryAfter parsed {@code Retry-After}, or null
 */
public record Reply(int status, String contentType, String body, Duration retryAfter, String totalCount) {

    public Reply {
        contentType = contentType == null ? "" : contentType;
        body = body == null ? "" : body;
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    public boolean looksLikeJson() {
        String trimmed = body.stripLeading();
        return trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.equals("null");
    }
}
