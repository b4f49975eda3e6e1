package dev.chillproxy.server.signals;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

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
 * nor an address; the evidence stays on the dashboard. One attempt within {@link #TIMEOUT}: a lost alert is still on
 * the dashboard and in the metrics. The URL is not logged (it may carry a token). Thread-safe.
 */
public final class SignalWebhook {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(SignalWebhook.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final URI url;
    private final ObjectMapper mapper;
    private final SignalThresholds thresholds;

    /** @param http the shared client, whose local-address guard lets this operator URL through */
    public SignalWebhook(OkHttpClient http, URI url, ObjectMapper mapper, SignalThresholds thresholds) {
        this.http = Objects.requireNonNull(http, "http").newBuilder().callTimeout(TIMEOUT).followRedirects(false).build();
        this.url = Objects.requireNonNull(url, "url");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    void send(Signal signal) {
        ObjectNode body = mapper.createObjectNode()
                .put("signal", signal.kind().wire())
                .put("userId", signal.userId())
                .put("observed", signal.observed())
                .put("threshold", signal.threshold())
                .put("summary", signal.summary(thresholds))
                .put("raisedAt", signal.raisedAt().toString())
                .put("autoDisabled", signal.autoDisabled());
        Request request = new Request.Builder().url(url.toString()).post(RequestBody.create(body.toString(), JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                LOG.warn("abuse webhook answered HTTP {} for a {} signal", response.code(), signal.kind().wire());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("abuse webhook not reached for a {} signal: {}", signal.kind().wire(), e.getClass().getSimpleName());
        }
    }
}
