package dev.chillproxy.server.pool;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.PoolClient;
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageAction;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.secret.ApiKey;

/**
 * The internal pool API the embedded pool serves to other instances and tools (DESIGN §3): {@code get-key}
 * and {@code log-usage}, behind the {@code CHILLSTREAMS_API_KEY} bearer (compared in constant time) and a
 * token-bucket rate limit. Thread-safe.
 */
public final class InternalPoolRoutes {

    static final String GET_KEY = "/api/v1/internal/pool/get-key";
    static final String LOG_USAGE = "/api/v1/internal/pool/log-usage";

    private static final Logger LOG = LoggerFactory.getLogger(InternalPoolRoutes.class);

    private final PoolClient pool;
    private final ApiKey internalKey;
    private final ObjectMapper mapper;
    private final TokenBucket bucket;

    public InternalPoolRoutes(PoolClient embeddedPool, ApiKey internalKey, ObjectMapper mapper, int rateLimitPerSecond) {
        this(embeddedPool, internalKey, mapper, rateLimitPerSecond, System::nanoTime);
    }

    InternalPoolRoutes(PoolClient pool, ApiKey internalKey, ObjectMapper mapper, int rateLimitPerSecond, LongSupplier nanoTime) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.internalKey = Objects.requireNonNull(internalKey, "internalKey");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.bucket = new TokenBucket(rateLimitPerSecond, nanoTime);
    }

    public void register(RoutesConfig routes) {
        routes.post(GET_KEY, guarded(this::getKey));
        routes.post(LOG_USAGE, guarded(this::logUsage));
    }

    private Handler guarded(Handler handler) {
        return ctx -> {
            if (!authorized(ctx, internalKey)) {
                unauthorized(ctx);
            } else if (!bucket.tryTake()) {
                fail(ctx, 429, "rate_limited", "too many requests; slow down");
            } else {
                try {
                    handler.handle(ctx);
                } catch (JsonProcessingException | IllegalArgumentException | NullPointerException | DateTimeException e) {
                    fail(ctx, 400, "invalid_request", badRequestMessage(e));
                }
            }
        };
    }

    private void getKey(Context ctx) throws JsonProcessingException {
        JsonNode body = object(mapper, ctx);
        GetKeyRequest request = new GetKeyRequest(required(body, "userId"), required(body, "deviceId"),
                action(text(body, "action", "stream-list")), text(body, "hash", ""));
        Grant grant = pool.getKey(request);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (grant instanceof Grant.Allowed allowed) {
            answer.put("allowed", true);
            answer.put("poolKey", allowed.poolKey().reveal()); // the one place the key goes on the wire, to a trusted caller
            answer.put("poolKeyId", allowed.poolKeyId());
            answer.put("service", allowed.service());
            answer.put("deviceCount", allowed.deviceCount());
        } else if (grant instanceof Grant.Denied denied) {
            answer.put("allowed", false);
            answer.put("message", denied.message());
            if (denied.deviceCount() != null) {
                answer.put("deviceCount", denied.deviceCount());
            }
        }
        json(ctx, mapper, 200, answer);
    }

    private void logUsage(Context ctx) throws JsonProcessingException {
        JsonNode body = object(mapper, ctx);
        List<UsageEvent> events = new ArrayList<>();
        if (body.has("events")) {
            if (!body.get("events").isArray()) {
                throw new IllegalArgumentException("events: must be an array");
            }
            for (JsonNode node : body.get("events")) {
                events.add(event(node, required(node, "eventId")));
            }
        } else {
            events.add(event(body, UUID.randomUUID().toString()));
        }
        try {
            pool.logUsage(events);
        } catch (PoolUnavailableException e) {
            LOG.warn("log-usage not stored: {}", e.getMessage());
            fail(ctx, 503, "unavailable", "usage could not be stored; retry later");
            return;
        }
        json(ctx, mapper, 200, Map.of("success", true));
    }

    private static UsageEvent event(JsonNode node, String eventId) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("events: every event must be an object");
        }
        JsonNode at = node.get("at");
        Instant time = at == null || at.isNull() ? Instant.now()
                : at.isNumber() ? Instant.ofEpochMilli(at.asLong()) : Instant.parse(at.asText());
        JsonNode bytes = node.get("bytes");
        if (bytes != null && !bytes.isNull() && !bytes.canConvertToLong()) {
            throw new IllegalArgumentException("bytes: must be a number");
        }
        return new UsageEvent(eventId, required(node, "userId"), text(node, "poolKeyId", ""),
                action(required(node, "action")), text(node, "hash", ""), node.path("cached").asBoolean(false),
                bytes == null ? 0 : bytes.asLong(), time);
    }

    private static String action(String wire) {
        if (Arrays.stream(UsageAction.values()).noneMatch(a -> a.wire().equals(wire))) {
            throw new IllegalArgumentException("action: must be stream-list, stream-served or denied");
        }
        return wire;
    }

    // ---- shared with AdminRoutes ----

    static boolean authorized(Context ctx, ApiKey expected) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        return ApiKey.constantTimeEquals(expected.reveal(), token);
    }

    static void unauthorized(Context ctx) {
        fail(ctx, 401, "unauthorized", "unauthorized");
    }

    static void fail(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json")
                .result("{\"error\":{\"code\":\"" + code + "\",\"message\":" + quote(message) + "}}");
    }

    static void json(Context ctx, ObjectMapper mapper, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(mapper.writeValueAsString(body));
    }

    static JsonNode object(ObjectMapper mapper, Context ctx) throws JsonProcessingException {
        JsonNode body = mapper.readTree(ctx.body());
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body: must be a JSON object");
        }
        return body;
    }

    static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
        return value.asText();
    }

    static String text(JsonNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return value.asText();
    }

    static String badRequestMessage(Exception e) {
        if (e instanceof JsonProcessingException) {
            return "body: malformed JSON";
        }
        return e.getMessage() == null ? "invalid request" : e.getMessage();
    }

    private static String quote(String message) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : message.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Refills {@code perSecond} tokens a second up to a burst of {@code perSecond}. Thread-safe. */
    static final class TokenBucket {
        private final double perSecond;
        private final LongSupplier nanoTime;
        private double tokens;
        private long last;

        TokenBucket(int perSecond, LongSupplier nanoTime) {
            if (perSecond < 1) {
                throw new IllegalArgumentException("rate limit must be at least 1 request per second");
            }
            this.perSecond = perSecond;
            this.nanoTime = nanoTime;
            this.tokens = perSecond;
            this.last = nanoTime.getAsLong();
        }

        synchronized boolean tryTake() {
            long now = nanoTime.getAsLong();
            tokens = Math.min(perSecond, tokens + (now - last) * perSecond / 1e9);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
