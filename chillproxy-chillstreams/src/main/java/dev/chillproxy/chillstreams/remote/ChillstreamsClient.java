package dev.chillproxy.chillstreams.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.GetKeyResponse;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageBatch;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.chillstreams.pool.UsageLog;
import dev.chillproxy.core.secret.ApiKey;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of a remote Chillstreams ({@code CHILLSTREAMS_API_URL}), over HTTP with the internal bearer key.
 * Thread-safe; one instance serves every request.
 *
 * <p>{@code get-key}: {@code POST /api/v1/internal/pool/get-key} with {@code {userId,deviceId,action,hash,service}},
 * answered by {@code {allowed,poolKey,poolKeyId,service,deviceCount,message}} (a missing {@code service} means TorBox). Connect timeout 1 s, whole call 3 s;
 * a refused connection is retried exactly once, nothing else is (no retry on any HTTP status or on a read
 * timeout). It fails closed: every answer that is not a well-formed grant or denial becomes
 * {@link Grant.Denied} with {@code POOL_UNREACHABLE}, never an exception and never another key.
 *
 * <p>{@code log-usage}: this client always sends the batch form, with event ids so that the receiver can
 * ignore an event it already stored (the outbox delivers at least once):
 * <pre>{@code
 * POST /api/v1/internal/pool/log-usage
 * {"events":[{"eventId":"…","userId":"…","poolKeyId":"…","action":"stream-served","hash":"…",
 *             "cached":true,"bytes":123,"at":"2026-01-01T00:00:00Z"}]}
 * }</pre>
 * {@code at} is ISO-8601 UTC. A receiver also accepts the single-event form
 * {@code {userId,poolKeyId,action,hash,cached,bytes}} (no id, stamped on arrival). Any 2xx is success.
 *
 * <p>Key problems (a store's 401/403/429 on a pool key) are not sent: the internal API has no route for them and a
 * remote Chillstreams checks its own keys. {@link #keyProblemsStayRemote()} says so in the log.
 *
 * <p>No key appears in a log line or exception message: the internal key only goes into the header and
 * the pool key only into {@link ApiKey}. The wire records ({@link GetKeyRequest}, {@link GetKeyResponse},
 * {@link UsageBatch}) are the ones the internal routes read and write.
 */
public final class ChillstreamsClient implements KeySource, UsageLog {

    private static final Logger LOG = LoggerFactory.getLogger(ChillstreamsClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final long MAX_ANSWER_BYTES = 64 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final HttpUrl getKeyUrl;
    private final HttpUrl logUsageUrl;
    private final ApiKey internalKey;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final ObjectReader answerReader;

    /**
     * @param baseUrl     {@code CHILLSTREAMS_API_URL}, e.g. {@code https://chillstreams.example}
     * @param internalKey {@code CHILLSTREAMS_API_KEY}
     * @param http        the shared client; timeouts are derived from it, not changed on it
     * @throws IllegalArgumentException when the base URL is not an http(s) URL
     */
    public ChillstreamsClient(String baseUrl, ApiKey internalKey, OkHttpClient http, ObjectMapper mapper) {
        HttpUrl base = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl").trim());
        if (base == null) {
            throw new IllegalArgumentException("CHILLSTREAMS_API_URL: not an http(s) URL");
        }
        this.getKeyUrl = base.newBuilder().addPathSegments("api/v1/internal/pool/get-key").build();
        this.logUsageUrl = base.newBuilder().addPathSegments("api/v1/internal/pool/log-usage").build();
        this.internalKey = Objects.requireNonNull(internalKey, "internalKey");
        this.http = Objects.requireNonNull(http, "http").newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .callTimeout(CALL_TIMEOUT)
                .followRedirects(false) // an internal API does not redirect; never carry the bearer elsewhere
                .build();
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.answerReader = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public Grant getKey(GetKeyRequest request) {
        try (Response response = send(getKeyUrl, request)) {
            String body = response.peekBody(MAX_ANSWER_BYTES).string();
            return GrantAnswer.interpret(response.code(), parse(body));
        } catch (IOException e) {
            LOG.warn("Chillstreams get-key failed for user {}: {}", ApiKey.mask(request.userId()), describe(e));
            return GrantAnswer.unreachable();
        }
    }

    /** Null when the answer is not a JSON object; a malformed answer is the pool's fault, not the user's. */
    private GetKeyResponse parse(String body) {
        try {
            JsonNode node = answerReader.readTree(body);
            if (node == null || !node.isObject() || !node.path("allowed").isBoolean()) {
                return null;
            }
            return answerReader.treeToValue(node, GetKeyResponse.class);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void logUsage(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Response response = send(logUsageUrl, UsageBatch.of(events))) {
            if (!response.isSuccessful()) {
                throw new PoolUnavailableException("Chillstreams log-usage answered HTTP " + response.code());
            }
        } catch (IOException e) {
            throw new PoolUnavailableException("Chillstreams log-usage failed: " + describe(e), e);
        }
    }

    /** One POST; a refused connection (Chillstreams restarting, a dead route) is tried once more. */
    private Response send(HttpUrl url, Object body) throws IOException {
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + internalKey.reveal())
                .post(RequestBody.create(toJson(body), JSON))
                .build();
        try {
            return http.newCall(request).execute();
        } catch (ConnectException first) {
            LOG.debug("Chillstreams refused the connection, retrying once");
            return http.newCall(request).execute();
        }
    }

    private String toJson(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a pool request", e);
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

    /**
     * The key-problem sink of remote mode: the remote Chillstreams owns its keys and checks them itself, so a report
     * goes no further than this instance (the grant cache in front still drops the key's cached grants). The first
     * report is logged as a warning, later ones at debug, so that an operator sees it is deliberate without a flood.
     */
    public static KeyProblemSink keyProblemsStayRemote() {
        AtomicBoolean told = new AtomicBoolean();
        return (poolKeyId, problem) -> {
            if (told.compareAndSet(false, true)) {
                LOG.warn("pool key {} had a problem ({}); key problems are the remote Chillstreams' business and are"
                        + " not sent to it: it checks its own keys (later reports are logged at debug)", poolKeyId,
                        problem.getClass().getSimpleName());
            } else {
                LOG.debug("pool key {} had a problem ({}); left to the remote Chillstreams", poolKeyId,
                        problem.getClass().getSimpleName());
            }
        };
    }

    @Override
    public String toString() {
        return "ChillstreamsClient[" + getKeyUrl.host() + "]";
    }
}
