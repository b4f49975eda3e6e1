package dev.chillproxy.store.torbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.http.Reply;
import dev.chillproxy.store.http.UpstreamHttp;
import java.util.Locale;
import java.util.Map;

/**
 * Judges TorBox's {@code {success, error, detail, data}} envelope: success only when {@code success} is true and
 * {@code error} is null or empty, whatever the HTTP status; otherwise the {@code error} code, then the
 * {@code detail} text ({@code error: null} failures), then the HTTP status decide the {@link ErrorCode}.
 */
final class TorBoxEnvelope {

    private static final Map<String, ErrorCode> CODES = Map.ofEntries(
            Map.entry("NO_AUTH", ErrorCode.UNAUTHORIZED),
            Map.entry("BAD_TOKEN", ErrorCode.UNAUTHORIZED),
            Map.entry("AUTH_ERROR", ErrorCode.UNAUTHORIZED),
            Map.entry("OAUTH_VERIFICATION_ERROR", ErrorCode.UNAUTHORIZED),
            Map.entry("PLAN_RESTRICTED_FEATURE", ErrorCode.PAYMENT_REQUIRED),
            Map.entry("MONTHLY_LIMIT", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("ACTIVE_LIMIT", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("SEEDING_LIMIT", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("COOLDOWN_LIMIT", ErrorCode.TOO_MANY_REQUESTS),
            Map.entry("TOO_MANY_REQUESTS", ErrorCode.TOO_MANY_REQUESTS),
            Map.entry("ITEM_NOT_FOUND", ErrorCode.NOT_FOUND),
            Map.entry("ENDPOINT_NOT_FOUND", ErrorCode.NOT_FOUND),
            Map.entry("DUPLICATE_ITEM", ErrorCode.CONFLICT),
            Map.entry("TOO_MUCH_DATA", ErrorCode.UNPROCESSABLE_ENTITY),
            Map.entry("DOWNLOAD_TOO_LARGE", ErrorCode.UNPROCESSABLE_ENTITY),
            Map.entry("MISSING_REQUIRED_OPTION", ErrorCode.BAD_REQUEST),
            Map.entry("INVALID_OPTION", ErrorCode.BAD_REQUEST),
            Map.entry("TOO_MANY_OPTIONS", ErrorCode.BAD_REQUEST),
            Map.entry("BOZO_TORRENT", ErrorCode.BAD_REQUEST),
            Map.entry("BOZO_NZB", ErrorCode.BAD_REQUEST),
            Map.entry("BOZO_RSS_FEED", ErrorCode.BAD_REQUEST),
            Map.entry("BOZO_REGEX", ErrorCode.BAD_REQUEST),
            Map.entry("INVALID_DEVICE", ErrorCode.BAD_REQUEST),
            Map.entry("PERMISSION_DENIED", ErrorCode.FORBIDDEN),
            Map.entry("BANNED_USER", ErrorCode.FORBIDDEN),
            Map.entry("BREACH_OF_TOS", ErrorCode.FORBIDDEN),
            Map.entry("BANNED_CONTENT_DETECTED", ErrorCode.UNAVAILABLE_FOR_LEGAL_REASONS),
            Map.entry("NO_SERVERS_AVAILABLE_ERROR", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("LINK_OFFLINE", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("VENDOR_DISABLED", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("DOWNLOAD_SERVER_ERROR", ErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry("DATABASE_ERROR", ErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry("UNKNOWN_ERROR", ErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry("REDIRECT_ERROR", ErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry("SELLIX_ERROR", ErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry("SEARCH_ERROR", ErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry("SERVER_ERROR", ErrorCode.INTERNAL_SERVER_ERROR));

    private final UpstreamHttp http;

    TorBoxEnvelope(UpstreamHttp http) {
        this.http = http;
    }

    /** The {@code data} of a successful envelope ({@link NullNode} when absent), or a {@link StoreException}. */
    JsonNode data(Reply reply, ApiKey key) {
        JsonNode root = http.parse(reply);
        if (root == null || !root.isObject()) {
            throw http.failureForStatus(reply, key);
        }
        String error = root.path("error").isNull() ? "" : root.path("error").asText("");
        if (root.path("success").asBoolean(false) && error.isEmpty()) {
            JsonNode data = root.get("data");
            return data == null ? NullNode.getInstance() : data;
        }
        String detail = root.path("detail").asText("");
        throw http.failure(classify(error, detail, root.get("data"), reply.status()), reply,
                error.isEmpty() ? null : error, detail, key);
    }

    static ErrorCode classify(String error, String detail, JsonNode data, int status) {
        if (status == 429) {
            return ErrorCode.TOO_MANY_REQUESTS;
        }
        String lowerDetail = detail.toLowerCase(Locale.ROOT);
        if ("DIFF_ISSUE".equals(error)) {
            return lowerDetail.contains("maximum queued") ? ErrorCode.STORE_LIMIT_EXCEEDED : ErrorCode.CONFLICT;
        }
        ErrorCode known = CODES.get(error);
        if (known != null) {
            return known;
        }
        if (!error.isEmpty() && error.endsWith("_ERROR")) {
            return ErrorCode.INTERNAL_SERVER_ERROR;
        }
        if (data != null && data.has("active_limit")) {
            return ErrorCode.STORE_LIMIT_EXCEEDED;
        }
        if (lowerDetail.contains("no servers available")) {
            return ErrorCode.SERVICE_UNAVAILABLE;
        }
        if (lowerDetail.contains("limit")) {
            return ErrorCode.STORE_LIMIT_EXCEEDED;
        }
        if (status == 403) {
            return ErrorCode.UNAUTHORIZED;
        }
        return status >= 400 ? ErrorCode.forStatus(status) : ErrorCode.BAD_REQUEST;
    }
}
