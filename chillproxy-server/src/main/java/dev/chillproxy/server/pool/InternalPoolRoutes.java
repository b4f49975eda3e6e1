package dev.chillproxy.server.pool;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.GetKeyResponse;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageBatch;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.chillstreams.pool.UsageLog;
import dev.chillproxy.core.secret.ApiKey;

/**
 * The internal pool API the embedded pool serves to other instances and tools (DESIGN §3): {@code get-key}
 * and {@code log-usage}, read and written as the wire records the remote client uses ({@link GetKeyRequest},
 * {@link GetKeyResponse}, {@link UsageBatch}; unknown fields ignored, a bad body a 400 naming its field), behind the {@code CHILLSTREAMS_API_KEY} bearer (compared in constant time) and a
 * token-bucket rate limit. Thread-safe.
 */
public final class InternalPoolRoutes {

    static final String GET_KEY = "/api/v1/internal/pool/get-key";
    static final String LOG_USAGE = "/api/v1/internal/pool/log-usage";

    private static final Logger LOG = LoggerFactory.getLogger(InternalPoolRoutes.class);

    private final KeySource pool;
    private final UsageLog usage;
    private final ApiKey internalKey;
    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final TokenBucket bucket;

    /** @param embeddedPool the pool whose keys {@code get-key} hands out and whose usage log {@code log-usage} fills */
    public <P extends KeySource & UsageLog> InternalPoolRoutes(P embeddedPool, ApiKey internalKey, ObjectMapper mapper,
                                                               int rateLimitPerSecond) {
        this(embeddedPool, embeddedPool, internalKey, mapper, rateLimitPerSecond, System::nanoTime);
    }

    InternalPoolRoutes(KeySource pool, UsageLog usage, ApiKey internalKey, ObjectMapper mapper, int rateLimitPerSecond,
                       LongSupplier nanoTime) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.internalKey = Objects.requireNonNull(internalKey, "internalKey");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.reader = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
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
        GetKeyRequest request = read(ctx, GetKeyRequest.class);
        json(ctx, mapper, 200, GetKeyResponse.of(pool.getKey(request)));
    }

    private void logUsage(Context ctx) throws JsonProcessingException {
        UsageBatch batch = read(ctx, UsageBatch.class);
        Instant now = Instant.now();
        List<UsageEvent> events = batch.events() != null ? batch.toUsageEvents(now)
                : List.of(read(ctx, UsageBatch.Event.class).toUsageEvent(() -> UUID.randomUUID().toString(), now));
        try {
            usage.logUsage(events);
        } catch (PoolUnavailableException e) {
            LOG.warn("log-usage not stored: {}", e.getMessage());
            fail(ctx, 503, "unavailable", "usage could not be stored; retry later");
            return;
        }
        json(ctx, mapper, 200, Map.of("success", true));
    }

    /** The body as one of the shared wire records; unknown fields are ignored. */
    private <T> T read(Context ctx, Class<T> type) throws JsonProcessingException {
        T body = reader.forType(type).readValue(ctx.body());
        if (body == null) {
            throw new IllegalArgumentException("body: must be a JSON object");
        }
        return body;
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
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() instanceof IllegalArgumentException cause
                && cause.getMessage() != null) {
            return cause.getMessage(); // a wire record's own check, naming its field
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = mismatch.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                    : String.valueOf(ref.getIndex())).collect(Collectors.joining("."));
            return field.isEmpty() ? "body: must be a JSON object" : field + ": wrong type";
        }
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
