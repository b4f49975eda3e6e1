package dev.chillproxy.server.pool;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.embedded.PoolChanges;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.server.web.InvalidRequestException;
import dev.chillproxy.server.web.JsonBodies;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/internal/revoke {"userId"}}: a remote Chillstreams pushes a revocation so the user's cached
 * grants go at once instead of at the end of {@code POOL_GRANT_TTL}. Behind the {@code CHILLSTREAMS_API_KEY}
 * bearer (see {@code RouteTable}); answers 204, or 400 for a bad body. Thread-safe.
 */
public final class RevokeRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RevokeRoutes.class);
    private static final int MAX_USER_ID_LENGTH = 128;

    private final PoolChanges changes;
    private final ObjectMapper mapper;

    /** @param changes evicts here and on every instance sharing this database */
    public RevokeRoutes(PoolChanges changes, ObjectMapper mapper) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public void revoke(Context ctx) {
        String userId = userId(JsonBodies.object(mapper, ctx));
        changes.userChanged(userId);
        LOG.info("revoked cached grants of user {}", ApiKey.mask(userId));
        ctx.status(204);
    }

    private static String userId(JsonNode body) {
        JsonNode userId = body.get("userId");
        // user ids are UUIDs, kept lower-case from the addon config on: "ABC…" must evict the grants of "abc…"
        String value = userId == null || !userId.isTextual() ? "" : userId.asText().trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.length() > MAX_USER_ID_LENGTH) {
            throw new InvalidRequestException("userId: required, a non-empty string of at most " + MAX_USER_ID_LENGTH
                    + " characters in a JSON object");
        }
        return value;
    }
}
