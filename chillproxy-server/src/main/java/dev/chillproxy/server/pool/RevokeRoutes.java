package dev.chillproxy.server.pool;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.grant.GrantCache;
import dev.chillproxy.core.secret.ApiKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/internal/revoke {"userId"}}: a remote Chillstreams pushes a revocation so the user's
 * cached grants go at once instead of at the end of {@code POOL_GRANT_TTL}. Bearer
 * {@code CHILLSTREAMS_API_KEY}, compared in constant time. Answers 204, 400 for a bad body, 401 for a
 * wrong or missing bearer (with no detail). Thread-safe.
 */
public final class RevokeRoutes {

    static final String PATH = "/api/v1/internal/revoke";
    private static final Logger LOG = LoggerFactory.getLogger(RevokeRoutes.class);
    private static final int MAX_USER_ID_LENGTH = 128;

    private final GrantCache cache;
    private final ApiKey internalKey;
    private final ObjectMapper mapper;

    public RevokeRoutes(GrantCache cache, ApiKey internalKey, ObjectMapper mapper) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.internalKey = Objects.requireNonNull(internalKey, "internalKey");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public void register(RoutesConfig routes) {
        routes.post(PATH, this::revoke);
    }

    private void revoke(Context ctx) {
        if (!ApiKey.constantTimeEquals(internalKey.reveal(), bearer(ctx.header("Authorization")))) {
            error(ctx, 401, "unauthorized", "unauthorized");
            return;
        }
        String userId = userId(ctx.body());
        if (userId == null) {
            error(ctx, 400, "bad_request", "userId: required, a non-empty string of at most "
                    + MAX_USER_ID_LENGTH + " characters in a JSON object");
            return;
        }
        cache.evictUser(userId);
        LOG.info("revoked cached grants of user {}", ApiKey.mask(userId));
        ctx.status(204);
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    /** Null when the body is not {@code {"userId":"<non-blank string>"}}. */
    private String userId(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            JsonNode userId = node == null ? null : node.get("userId");
            if (userId == null || !userId.isTextual()) {
                return null;
            }
            // user ids are UUIDs, kept lower-case from the addon config on: "ABC…" must evict the grants of "abc…"
            String value = userId.asText().trim().toLowerCase(Locale.ROOT);
            return value.isEmpty() || value.length() > MAX_USER_ID_LENGTH ? null : value;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json").result(json(new ErrorBody(new ErrorBody.Error(code, message))));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an error body", e);
        }
    }

    private record ErrorBody(Error error) {
        private record Error(String code, String message) {
        }
    }
}
