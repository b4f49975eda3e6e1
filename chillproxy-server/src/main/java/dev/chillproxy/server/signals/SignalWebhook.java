package dev.chillproxy.server.signals;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.signals.Signal;
import dev.chillproxy.chillstreams.signals.SignalThresholds;

/**
 * POSTs each new signal to the operator's {@code ABUSE_WEBHOOK_URL} as JSON: signal, user id, what was observed
 * against which threshold, a one-line summary, when, and whether the user was disabled. The body never holds a key
 * nor an address; the evidence stays on the dashboard. The URL is not logged (it may carry a token).
 *
 * <p>Sent from a thread of its own, so a slow or absent endpoint never holds the abuse scan. An attempt that meets
 * no answer, a 5xx, a 408 or a 429 is tried again after {@link #RETRY_DELAYS} (a minute and a half in all); any other
 * answer is final (a 4xx means the endpoint refuses this alert, and would refuse it again). At most {@link #MAX_PENDING}
 * alerts wait; beyond that an alert is dropped with a warning, and it is still on the dashboard and in the metrics.
 * Thread-safe.
 */
public final class SignalWebhook implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60));
    static final int MAX_PENDING = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SignalWebhook.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final URI url;
    private final ObjectMapper mapper;
    private final SignalThresholds thresholds;
    private final List<Duration> retryDelays;
    private final ScheduledExecutorService sender;
    private final AtomicInteger pending = new AtomicInteger();

    /** @param http the shared client, whose local-address guard lets this operator URL through */
    public SignalWebhook(OkHttpClient http, URI url, ObjectMapper mapper, SignalThresholds thresholds) {
        this(http, url, mapper, thresholds, RETRY_DELAYS);
    }

    /** @param retryDelays the waits before the second, third… attempt (tests use short ones) */
    SignalWebhook(OkHttpClient http, URI url, ObjectMapper mapper, SignalThresholds thresholds, List<Duration> retryDelays) {
        this.http = Objects.requireNonNull(http, "http").newBuilder().callTimeout(TIMEOUT).followRedirects(false).build();
        this.url = Objects.requireNonNull(url, "url");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.retryDelays = List.copyOf(retryDelays);
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "abuse-webhook");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the alert; returns at once. */
    void send(Signal signal) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            LOG.warn("abuse webhook: {} alerts already wait; a {} signal is not sent (it is on the dashboard)",
                    MAX_PENDING, signal.kind().wire());
            return;
        }
        String body = body(signal);
        schedule(() -> attempt(signal, body, 1), Duration.ZERO);
    }

    private void attempt(Signal signal, String body, int attempt) {
        String failure = post(body);
        if (failure == null) {
            pending.decrementAndGet();
            return;
        }
        if (!worthRetrying(failure)) {
            pending.decrementAndGet();
            LOG.warn("abuse webhook refused a {} signal ({}); not sent again", signal.kind().wire(), failure);
        } else if (attempt <= retryDelays.size()) {
            Duration delay = retryDelays.get(attempt - 1);
            LOG.warn("abuse webhook not reached for a {} signal ({}); attempt {} of {}, next in {} ms", signal.kind().wire(),
                    failure, attempt, retryDelays.size() + 1, delay.toMillis());
            schedule(() -> attempt(signal, body, attempt + 1), delay);
        } else {
            pending.decrementAndGet();
            LOG.warn("abuse webhook not reached for a {} signal ({}); given up after {} attempts", signal.kind().wire(),
                    failure, attempt);
        }
    }

    /** No answer, a server error, a timeout or "slow down" may pass; any other 4xx would be refused again. */
    private static boolean worthRetrying(String failure) {
        return !failure.startsWith("HTTP 4") || failure.equals("HTTP 408") || failure.equals("HTTP 429");
    }

    /** @return null when the endpoint took the alert, else what went wrong (never the URL) */
    private String post(String body) {
        Request request = new Request.Builder().url(url.toString()).post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            return response.isSuccessful() ? null : "HTTP " + response.code();
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            sender.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet(); // closing
        }
    }

    private String body(Signal signal) {
        ObjectNode body = mapper.createObjectNode()
                .put("signal", signal.kind().wire())
                .put("userId", signal.userId())
                .put("observed", signal.observed())
                .put("threshold", signal.threshold())
                .put("summary", signal.summary(thresholds))
                .put("raisedAt", signal.raisedAt().toString())
                .put("autoDisabled", signal.autoDisabled());
        return body.toString();
    }

    /** Alerts queued or being retried. */
    int pending() {
        return pending.get();
    }

    /** Stops sending; alerts still waiting are dropped (they are on the dashboard). */
    @Override
    public void close() {
        sender.shutdownNow();
    }
}
