package dev.chillproxy.chillstreams.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.testing.CapturedStderr;
import dev.chillproxy.core.torz.Access.Refusal;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import dev.chillproxy.chillstreams.pool.PoolUnavailableException;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.secret.ApiKey;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChillstreamsClientTest {

    private static final String INTERNAL_KEY = "internal-0123456789abcdef0123456789abcdef";
    private static final String POOL_KEY = "5d3f0c2a-9b8e-4f71-a6d2-7c1e9b0a4f33";
    private static final GetKeyRequest REQUEST =
            new GetKeyRequest("0b7f9a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b", "device-1", "stream-list", "");

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final ObjectMapper mapper = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient();

    private ChillstreamsClient client() {
        return new ChillstreamsClient(server.url("/").toString(), ApiKey.of(INTERNAL_KEY), http, mapper);
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build());
    }

    @Test
    void grantCarriesTheKeyAndTheRequestCarriesBearerAndBody() throws Exception {
        answer(200, "{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\",\"poolKeyId\":\"key-7\",\"deviceCount\":2,"
                + "\"message\":null,\"extra\":\"ignored\"}");

        Grant grant = client().getKey(REQUEST);

        Grant.Allowed allowed = assertInstanceOf(Grant.Allowed.class, grant);
        assertEquals(POOL_KEY, allowed.poolKey().reveal());
        assertEquals("key-7", allowed.poolKeyId());
        assertEquals(2, allowed.deviceCount());
        RecordedRequest recorded = server.takeRequest();
        assertEquals("POST", recorded.getMethod());
        assertEquals("/api/v1/internal/pool/get-key", recorded.getTarget());
        assertEquals("Bearer " + INTERNAL_KEY, recorded.getHeaders().get("Authorization"));
        JsonNode body = mapper.readTree(recorded.getBody().utf8());
        assertEquals(REQUEST.userId(), body.get("userId").asText());
        assertEquals("device-1", body.get("deviceId").asText());
        assertEquals("stream-list", body.get("action").asText());
        assertEquals("", body.get("hash").asText());
    }

    @Test
    void baseUrlWithAPathPrefixKeepsIt() throws Exception {
        answer(200, "{\"allowed\":false,\"message\":\"Device limit reached\",\"deviceCount\":3}");
        new ChillstreamsClient(server.url("/chill/").toString(), ApiKey.of(INTERNAL_KEY), http, mapper).getKey(REQUEST);
        assertEquals("/chill/api/v1/internal/pool/get-key", server.takeRequest().getTarget());
    }

    @Test
    void deviceLimitDenialKeepsMessageAndCount() {
        answer(200, "{\"allowed\":false,\"message\":\"Device limit reached (3/3)\",\"deviceCount\":3}");

        Grant.Denied denied = assertInstanceOf(Grant.Denied.class, client().getKey(REQUEST));

        assertEquals(Refusal.DEVICE_LIMIT, denied.reason());
        assertEquals("Device limit reached (3/3)", denied.message());
        assertEquals(3, denied.deviceCount());
    }

    @Test
    void disabledAndUnknownUsersAreRecognised() {
        answer(200, "{\"allowed\":false,\"message\":\"User is disabled\"}");
        answer(200, "{\"allowed\":false,\"message\":\"User not found\"}");
        answer(403, "{\"allowed\":false,\"message\":\"Account suspended\"}");

        ChillstreamsClient client = client();
        assertEquals(Refusal.USER_DISABLED, ((Grant.Denied) client.getKey(REQUEST)).reason());
        assertEquals(Refusal.UNKNOWN_USER, ((Grant.Denied) client.getKey(REQUEST)).reason());
        Grant.Denied forbidden = (Grant.Denied) client.getKey(REQUEST);
        assertEquals(Refusal.USER_DISABLED, forbidden.reason());
        assertEquals("Account suspended", forbidden.message());
    }

    /** The client names the service it wants a key for; "no key of that service" is told apart from "none free". */
    @Test
    void theServiceIsSentAndAMissingServiceKeyIsRecognised() throws Exception {
        answer(200, "{\"allowed\":false,\"message\":\"No Real-Debrid key in the pool. Ask the operator.\"}");

        Grant.Denied denied = (Grant.Denied) client().getKey(new GetKeyRequest("u", "d", "stream-list", "", "realdebrid"));

        assertEquals(Refusal.NO_SERVICE_KEY, denied.reason());
        assertTrue(server.takeRequest().getBody().utf8().contains("\"service\":\"realdebrid\""));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 500, 502, 503})
    void rejectedOrBrokenPoolFailsClosedWithoutRetry(int status) {
        answer(status, "{\"error\":{\"code\":\"x\",\"message\":\"nope\"}}");

        assertUnreachable(client().getKey(REQUEST));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void serverErrorClaimingAllowedStillFailsClosed() {
        answer(500, "{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\",\"poolKeyId\":\"key-7\"}");
        assertUnreachable(client().getKey(REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "",
        "[]",
        "{}",
        "{\"allowed\":\"yes\",\"poolKey\":\"abc\"}",
        "{\"allowed\":true}",
        "{\"allowed\":true,\"poolKey\":\"  \",\"poolKeyId\":\"key-7\"}",
        "{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\"}",
        "{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\",\"poolKeyId\":\"key-7\",\"deviceCount\":\"many\"}",
    })
    void malformedAnswersFailClosed(String body) {
        answer(200, body);
        assertUnreachable(client().getKey(REQUEST));
    }

    @Test
    void slowAnswerFailsClosedWithinTheCallTimeout() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS)
                .body("{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\",\"poolKeyId\":\"key-7\"}").build());

        long started = System.nanoTime();
        Grant grant = client().getKey(REQUEST);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertUnreachable(grant);
        // the answer would take 10 s: we gave up on our own 3 s budget and did not retry the read timeout
        assertTrue(elapsedMillis < 8_000, "waited " + elapsedMillis + " ms");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void refusedConnectionIsTriedExactlyTwice() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AtomicInteger connects = new AtomicInteger();
        OkHttpClient counting = http.newBuilder().eventListener(new EventListener() {
            @Override
            public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                connects.incrementAndGet();
            }
        }).build();
        ChillstreamsClient client =
                new ChillstreamsClient("http://127.0.0.1:" + closedPort, ApiKey.of(INTERNAL_KEY), counting, mapper);

        assertUnreachable(client.getKey(REQUEST));
        assertEquals(2, connects.get());
    }

    @Test
    void oneRefusedConnectionIsRecoveredByTheRetry() {
        answer(200, "{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\",\"poolKeyId\":\"key-7\",\"deviceCount\":1}");
        AtomicInteger refusals = new AtomicInteger(1);
        OkHttpClient flaky = http.newBuilder().socketFactory(new javax.net.SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public void connect(SocketAddress endpoint, int timeout) throws IOException {
                        if (refusals.getAndDecrement() > 0) {
                            throw new ConnectException("Connection refused");
                        }
                        super.connect(endpoint, timeout);
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException();
            }
        }).build();
        ChillstreamsClient client = new ChillstreamsClient(server.url("/").toString(), ApiKey.of(INTERNAL_KEY), flaky, mapper);

        assertInstanceOf(Grant.Allowed.class, client.getKey(REQUEST));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void logUsageSendsTheBatchFormWithEventIds() throws Exception {
        answer(200, "{\"success\":true}");
        UsageEvent event = new UsageEvent("evt-1", REQUEST.userId(), "key-7", "stream-served", "abc123", true,
                1234L, Instant.parse("2026-01-02T03:04:05.678Z"));

        client().logUsage(List.of(event));

        RecordedRequest recorded = server.takeRequest();
        assertEquals("/api/v1/internal/pool/log-usage", recorded.getTarget());
        assertEquals("Bearer " + INTERNAL_KEY, recorded.getHeaders().get("Authorization"));
        JsonNode sent = mapper.readTree(recorded.getBody().utf8()).get("events").get(0);
        assertEquals("evt-1", sent.get("eventId").asText());
        assertEquals(REQUEST.userId(), sent.get("userId").asText());
        assertEquals("key-7", sent.get("poolKeyId").asText());
        assertEquals("stream-served", sent.get("action").asText());
        assertEquals("abc123", sent.get("hash").asText());
        assertTrue(sent.get("cached").asBoolean());
        assertEquals(1234L, sent.get("bytes").asLong());
        assertEquals("2026-01-02T03:04:05.678Z", sent.get("at").asText());
    }

    @Test
    void logUsageOfNothingSendsNothing() {
        client().logUsage(List.of());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void refusedDeliveryIsAnExceptionSoTheOutboxRetries() {
        answer(503, "busy");
        UsageEvent event = new UsageEvent("evt-1", REQUEST.userId(), "key-7", "stream-list", "", false, 0, Instant.now());

        PoolUnavailableException e = assertThrows(PoolUnavailableException.class, () -> client().logUsage(List.of(event)));
        assertTrue(e.getMessage().contains("503"));
    }

    @Test
    void noKeyInLogsOrExceptionMessages() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ChillstreamsClient down =
                new ChillstreamsClient("http://127.0.0.1:" + closedPort, ApiKey.of(INTERNAL_KEY), http, mapper);
        UsageEvent event = new UsageEvent("evt-1", REQUEST.userId(), "key-7", "stream-list", "", false, 0, Instant.now());
        StringBuilder seen = new StringBuilder();
        try (CapturedStderr log = new CapturedStderr()) {
            answer(200, "{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\",\"poolKeyId\":\"key-7\"}");
            answer(500, "{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\",\"poolKeyId\":\"key-7\"}");
            answer(200, "{\"allowed\":true,\"poolKey\":\"" + POOL_KEY + "\"");
            answer(401, "unauthorized");
            ChillstreamsClient client = client();
            for (int i = 0; i < 4; i++) {
                seen.append(client.getKey(REQUEST)).append('\n');
            }
            seen.append(down.getKey(REQUEST)).append('\n');
            seen.append(assertThrows(PoolUnavailableException.class, () -> down.logUsage(List.of(event)))).append('\n');
            seen.append(client).append(down).append('\n');
            seen.append(log.text());
        }
        String everything = seen.toString();
        assertTrue(everything.contains("key-7"), "the scenario did produce output");
        assertFalse(everything.contains(POOL_KEY), everything);
        assertFalse(everything.contains(INTERNAL_KEY), everything);
        assertFalse(everything.contains(REQUEST.userId()), "user ids are masked in logs: " + everything);
    }

    @Test
    void rejectsABaseUrlThatIsNotHttp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChillstreamsClient("ftp://x", ApiKey.of(INTERNAL_KEY), http, mapper));
        assertTrue(e.getMessage().startsWith("CHILLSTREAMS_API_URL"));
    }

    private static void assertUnreachable(Grant grant) {
        Grant.Denied denied = assertInstanceOf(Grant.Denied.class, grant);
        assertEquals(Refusal.POOL_UNREACHABLE, denied.reason());
        assertTrue(denied.message().contains("unreachable"), denied.message());
        assertNull(denied.deviceCount());
    }

    /** Remote mode does not send key problems anywhere, and says so instead of dropping them silently. */
    @Test
    void keyProblemsStayWithTheRemotePoolAndTheLogSaysSo() {
        KeyProblemSink sink = ChillstreamsClient.keyProblemsStayRemote();
        try (CapturedStderr log = new CapturedStderr()) {
            sink.reportKeyProblem("pk-5", new KeyProblem.Unauthorized());
            sink.reportKeyProblem("pk-5", new KeyProblem.Unauthorized());
            String text = log.text();
            assertTrue(text.contains("pk-5") && text.contains("remote Chillstreams' business"), text);
            assertEquals(1, text.split("remote Chillstreams' business", -1).length - 1, "said once at info: " + text);
        }
    }
}
