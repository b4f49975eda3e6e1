package dev.chillproxy.server.pool;

import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.GetKeyResponse;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageBatch;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.chillstreams.pool.UsageLog;
import dev.chillproxy.server.web.ErrorResponses;
import dev.chillproxy.server.web.InvalidRequestException;

/**
 * The handlers of the internal pool API the embedded pool serves to other instances and tools (DESIGN §3;
 * {@code RouteTable} puts them behind the {@code CHILLSTREAMS_API_KEY} bearer and a rate limit): {@code get-key} and
 * {@code log-usage}, read and written as the wire records the remote client uses ({@link GetKeyRequest},
 * {@link GetKeyResponse}, {@link UsageBatch}; unknown fields ignored, a bad body a 400 naming its field). Thread-safe.
 */
public final class InternalPoolRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(InternalPoolRoutes.class);

    private final KeySource pool;
    private final UsageLog usage;
    private final ObjectMapper mapper;
    private final ObjectReader getKeyReader;
    private final ObjectReader batchReader;
    private final ObjectReader eventReader;
    private final Clock clock;
    private final GetKeyMemo memo = new GetKeyMemo();

    /** @param embeddedPool the pool whose keys {@code get-key} hands out and whose usage log {@code log-usage} fills */
    public <P extends KeySource & UsageLog> InternalPoolRoutes(P embeddedPool, ObjectMapper mapper, Clock clock) {
        this(embeddedPool, embeddedPool, mapper, clock);
    }

    /**
     * @param pool  answers {@code get-key}: the grant cache in front of the embedded pool, so a known device is
     *              answered from memory (its evictions keep revocation instant)
     * @param usage the embedded pool's usage log, which {@code log-usage} fills
     */
    public InternalPoolRoutes(KeySource pool, UsageLog usage, ObjectMapper mapper, Clock clock) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        // one reader per wire record, made once: get-key is called for every request of every remote instance
        ObjectReader reader = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.getKeyReader = reader.forType(GetKeyRequest.class);
        this.batchReader = reader.forType(UsageBatch.class);
        this.eventReader = reader.forType(UsageBatch.Event.class);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void getKey(Context ctx) {
        GetKeyRequest request = memo.request(ctx.bodyAsBytes(), body -> read(body, getKeyReader));
        byte[] answer = memo.answer(pool.getKey(request), grant -> {
            try {
                return mapper.writeValueAsBytes(GetKeyResponse.of(grant));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("get-key answer not written", e); // a record of strings: not seen
            }
        });
        ctx.contentType("application/json").result(answer);
    }

    public void logUsage(Context ctx) throws JsonProcessingException {
        UsageBatch batch = read(ctx, batchReader);
        Instant now = clock.instant();
        List<UsageEvent> events;
        try {
            events = batch.events() != null ? batch.toUsageEvents(now)
                    : List.of(this.<UsageBatch.Event>read(ctx, eventReader).toUsageEvent(() -> UUID.randomUUID().toString(), now));
        } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
            // a wire record's own checks (event id, action, time) name the field
            throw new InvalidRequestException(e.getMessage() == null ? "invalid event" : e.getMessage());
        }
        try {
            usage.logUsage(events);
        } catch (PoolUnavailableException e) {
            LOG.warn("log-usage not stored: {}", e.getClass().getSimpleName());
            ErrorResponses.write(ctx, 503, "unavailable", "usage could not be stored; retry later");
            return;
        }
        json(ctx, Map.of("success", true));
    }

    private void json(Context ctx, Object body) throws JsonProcessingException {
        ctx.contentType("application/json").result(mapper.writeValueAsBytes(body));
    }

    /** The body as one of the shared wire records; unknown fields are ignored, every mistake names its field. */
    private <T> T read(Context ctx, ObjectReader reader) {
        return read(ctx.bodyAsBytes(), reader);
    }

    private static <T> T read(byte[] bytes, ObjectReader reader) {
        T body;
        try {
            body = reader.readValue(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(badRequestMessage(e));
        } catch (IOException e) {
            throw new InvalidRequestException("body: malformed JSON"); // bytes in memory: not seen in practice
        } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
            throw new InvalidRequestException(e.getMessage() == null ? "invalid request" : e.getMessage());
        }
        if (body == null) {
            throw new InvalidRequestException("body: must be a JSON object");
        }
        return body;
    }

    private static String badRequestMessage(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() instanceof IllegalArgumentException cause
                && cause.getMessage() != null) {
            return cause.getMessage(); // a wire record's own check, naming its field
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = mismatch.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                    : String.valueOf(ref.getIndex())).collect(Collectors.joining("."));
            return field.isEmpty() ? "body: must be a JSON object" : field + ": wrong type";
        }
        return "body: malformed JSON";
    }
}
