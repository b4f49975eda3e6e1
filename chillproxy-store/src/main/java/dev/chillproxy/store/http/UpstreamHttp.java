package dev.chillproxy.store.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer one store adapter uses: a client derived from the shared {@link OkHttpClient} with the
 * service's timeouts and User-Agent, bounded retries with jitter on 429 and 5xx (never on other 4xx, never on
 * I/O errors, so a request the upstream may have acted on is not silently repeated), and masked logging.
 *
 * <p>Thread-safe; one instance per service.
 */
public final class UpstreamHttp {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamHttp.class);
    private static final int LOGGED_BODY_CHARS = 300;

    private final OkHttpClient client;
    private final ObjectMapper json;
    private final StoreName store;
    private final HttpSettings settings;
    private final RetryPolicy retry;
    private final KeyBudgets budgets;
    private final CircuitBreaker breaker;

    /** With the service's default budgets and breaker on the system clock. */
    public UpstreamHttp(OkHttpClient shared, ObjectMapper json, StoreName store, HttpSettings settings) {
        this(shared, json, store, settings, ResilienceSettings.defaults());
    }

    public UpstreamHttp(OkHttpClient shared, ObjectMapper json, StoreName store, HttpSettings settings,
                        ResilienceSettings resilience) {
        this.json = Objects.requireNonNull(json, "json");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.retry = settings.retry().forService(store);
        this.budgets = new KeyBudgets(store, resilience.budgetFor(store),
                resilience.sharedLedger().orElseGet(() -> new LocalBudgetLedger(resilience.clock())));
        this.breaker = new CircuitBreaker(store, resilience.breaker(), resilience.clock(), resilience.sharedBreakers());
        this.client = shared.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .build();
    }

    public StoreName store() {
        return store;
    }

    public ObjectMapper json() {
        return json;
    }

    /** This service's circuit breaker state, for health pages and metrics. */
    public StoreHealth health() {
        return breaker.health();
    }

    /**
     * Sends the request: the service's circuit breaker and the key's outbound budget are checked first (either
     * fails fast, see {@link CircuitBreaker} and {@link KeyBudgets}), then 429/5xx are retried within the policy,
     * each retry spending budget too. A 429 that outlasts the policy becomes {@link ErrorCode#TOO_MANY_REQUESTS}
     * with the upstream's retry-after; every other status is returned. The whole call, retries included, is one
     * outcome for the breaker.
     */
    public Reply execute(Request request, ApiKey key) {
        Objects.requireNonNull(key, "key");
        String path = request.url().encodedPath();
        // breaker first: while it is open, calls must not drain the keys' budgets for nothing
        boolean probe = breaker.admit();
        try {
            budgets.acquire(key, path);
        } catch (StoreException throttled) {
            breaker.record(probe, CircuitBreaker.Outcome.NEUTRAL); // nothing was sent: says nothing of the service
            throw throttled;
        }
        CircuitBreaker.Outcome outcome = CircuitBreaker.Outcome.NEUTRAL;
        try {
            Reply reply = executeWithRetries(request, key, path);
            outcome = reply.status() >= 500 ? CircuitBreaker.Outcome.FAILURE : CircuitBreaker.Outcome.SUCCESS;
            return reply;
        } catch (StoreException e) {
            // send() reports timeouts and refused connections with status 0; everything else was an answer
            outcome = e.upstreamStatus() == 0 ? CircuitBreaker.Outcome.FAILURE : CircuitBreaker.Outcome.SUCCESS;
            throw e;
        } finally {
            breaker.record(probe, outcome);
        }
    }

    private Reply executeWithRetries(Request request, ApiKey key, String path) {
        Request withAgent = request.newBuilder().header("User-Agent", settings.userAgent()).build();
        String target = withAgent.method() + " " + SecretMasker.mask(withAgent.url().toString(), key);
        long waitedMillis = 0;
        for (int attempt = 0; ; attempt++) {
            Reply reply = send(withAgent, key, target);
            boolean retryable = reply.status() >= 500 || reply.status() == 429 && retry.retriesRateLimits();
            if (!retryable && reply.status() != 429) {
                return reply;
            }
            long waitMillis = waitBefore(attempt, reply.retryAfter(), retry);
            boolean waitLeft = waitedMillis + waitMillis <= retry.maxTotalWait().toMillis();
            if (!retryable || attempt >= retry.maxRetries() || !waitLeft || !budgets.tryAcquire(key, path).isZero()) {
                LOG.debug("{}: {} gave HTTP {}, giving up after {} retries", store.id(), target, reply.status(), attempt);
                if (reply.status() == 429) {
                    throw new StoreException(store, ErrorCode.TOO_MANY_REQUESTS, 429, null,
                            "rate limited by upstream", reply.retryAfter());
                }
                return reply;
            }
            LOG.info("{}: {} gave HTTP {}, retry {}/{} in {} ms", store.id(), target, reply.status(),
                    attempt + 1, retry.maxRetries(), waitMillis);
            sleep(waitMillis);
            waitedMillis += waitMillis;
        }
    }

    private Reply send(Request request, ApiKey key, String target) {
        long started = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            String body = response.body().string();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            LOG.debug("{}: {} -> {} in {} ms", store.id(), target, response.code(), tookMillis);
            if (!response.isSuccessful() && LOG.isDebugEnabled()) {
                LOG.debug("{}: error body: {}", store.id(), SecretMasker.mask(abbreviate(body), key));
            }
            return new Reply(response.code(), response.header("Content-Type"), body,
                    parseRetryAfter(response.header("Retry-After")), response.header("X-Total-Count"));
        } catch (IOException e) {
            boolean timeout = e instanceof InterruptedIOException;
            LOG.warn("{}: {} failed: {}", store.id(), target, timeout ? "timeout" : e.getClass().getSimpleName());
            throw new StoreException(store, timeout ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.STORE_SERVER_DOWN, 0,
                    null, timeout ? "upstream timed out" : "upstream unreachable", null);
        }
    }

    /** The JSON tree of a reply, or null when the body is not JSON (an HTML gateway page, plain text). */
    public JsonNode parse(Reply reply) {
        if (!reply.looksLikeJson()) {
            return null;
        }
        try {
            return json.readTree(reply.body());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Builds a failure whose message is masked against {@code key}. */
    public StoreException failure(ErrorCode code, Reply reply, String upstreamCode, String message, ApiKey key) {
        int status = reply == null ? 0 : reply.status();
        Duration retryAfter = reply == null ? null : reply.retryAfter();
        // the upstream's code is its own text too: an echoed key must not reach the exception message through it
        return new StoreException(store, code, status, SecretMasker.mask(upstreamCode, key),
                SecretMasker.mask(abbreviate(message), key), retryAfter);
    }

    /** A failure for a reply whose body says nothing useful: the code follows the HTTP status. */
    public StoreException failureForStatus(Reply reply, ApiKey key) {
        String text = reply.looksLikeJson() ? reply.body() : "non-JSON response (" + reply.contentType() + ")";
        return failure(ErrorCode.forStatus(reply.status()), reply, null, text, key);
    }

    private static long waitBefore(int attempt, Duration retryAfter, RetryPolicy policy) {
        if (retryAfter != null) {
            return retryAfter.toMillis();
        }
        long base = policy.baseDelay().toMillis() << Math.min(attempt, 10);
        long jitter = base == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return base / 2 + jitter;
    }

    static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= LOGGED_BODY_CHARS ? text : text.substring(0, LOGGED_BODY_CHARS) + "…";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
