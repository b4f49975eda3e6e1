package dev.chillproxy.server.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A remote Chillstreams implementing the internal pool API of DESIGN §3 ({@code get-key}, {@code log-usage} in both
 * forms) with one pool key for everybody, that can be switched to answer 503 or to answer after {@code slowMs}.
 * Records every usage event it accepted (duplicates included). Thread-safe.
 */
public final class FakeChillstreams extends Dispatcher {

    public enum Mode { UP, FAILING, SLOW }

    public record Received(String eventId, String userId, String action) {
    }

    public static final String POOL_KEY_ID = "pk-remote-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<Received> events = new CopyOnWriteArrayList<>();
    public final AtomicInteger getKeys = new AtomicInteger();
    private final String internalKey;
    private final String poolKey;
    private final long slowMs;
    private volatile Mode mode = Mode.UP;

    public FakeChillstreams(String internalKey, String poolKey, long slowMs) {
        this.internalKey = internalKey;
        this.poolKey = poolKey;
        this.slowMs = slowMs;
    }

    public void mode(Mode newMode) {
        mode = newMode;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (!("Bearer " + internalKey).equals(request.getHeaders().get("Authorization"))) {
            return json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"bad bearer\"}}").build();
        }
        Mode now = mode;
        if (now == Mode.FAILING) {
            return json(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"maintenance\"}}").build();
        }
        MockResponse.Builder answer;
        try {
            answer = answer(request);
        } catch (java.io.IOException e) {
            answer = json(400, "{\"error\":{\"code\":\"bad_request\",\"message\":\"not JSON\"}}");
        }
        if (now == Mode.SLOW) {
            answer.headersDelay(slowMs, TimeUnit.MILLISECONDS);
        }
        return answer.build();
    }

    private MockResponse.Builder answer(RecordedRequest request) throws java.io.IOException {
        String path = request.getUrl().encodedPath();
        JsonNode body = JSON.readTree(request.getBody().utf8());
        if (path.equals("/api/v1/internal/pool/get-key")) {
            getKeys.incrementAndGet();
            return json(200, "{\"allowed\":true,\"poolKey\":\"" + poolKey + "\",\"poolKeyId\":\"" + POOL_KEY_ID
                    + "\",\"deviceCount\":1}");
        }
        if (path.equals("/api/v1/internal/pool/log-usage")) {
            List<JsonNode> batch = new java.util.ArrayList<>();
            if (body.has("events")) {
                body.get("events").forEach(batch::add);
            } else {
                batch.add(body);
            }
            for (JsonNode event : batch) {
                events.add(new Received(event.path("eventId").asText(""), event.path("userId").asText(),
                        event.path("action").asText()));
            }
            return json(200, "{\"success\":true}");
        }
        return json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no route\"}}");
    }

    private static MockResponse.Builder json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body);
    }
}
