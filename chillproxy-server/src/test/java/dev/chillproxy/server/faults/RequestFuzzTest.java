package dev.chillproxy.server.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random and mutated requests from four threads against the running server (seeded, so replayable): no
 * answer is a 5xx, none shows a stack trace, and none carries a secret (admin, internal, encryption or pool key).
 */
class RequestFuzzTest {

    private static final long SEED = 20_261_126L;
    private static final int THREADS = 4;
    private static final int REQUESTS = 10_000;
    private static final List<String> TRACES = List.of("Exception", "at dev.", "at io.javalin", "at java.", "stack");

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void tenThousandRandomRequestsGetNo5xxNoStackTraceAndNoSecret() throws Exception {
        // the rate limits being added would turn most of the fuzz into 429s; they are not what is tested here
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of("RATE_LIMIT_USER_RPS", "1000", "RATE_LIMIT_IP_RPS", "1000",
                "CHILLSTREAMS_API_KEY", "fuzz-internal-key-0123456789abcdef0123")); // so the internal API is served and fuzzed
        fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
        String user = fixture.addUser();
        String admin = fixture.settings.pool().adminApiKey().orElseThrow().reveal();
        String internal = fixture.settings.pool().chillstreamsApiKey().orElseThrow().reveal();
        List<String> secrets = List.of(admin, internal, fixture.settings.pool().poolEncryptionKey().orElseThrow().reveal(),
                ServerFixture.KEY_ONE, ServerFixture.KEY_TWO);
        List<String> bearers = List.of("Bearer " + admin, "Bearer " + internal, "Bearer " + admin.toUpperCase(),
                "Bearer " + internal.substring(1), "Bearer", "Basic YWRtaW46YWRtaW4=", "Bearer x", "");
        OkHttpClient client = new OkHttpClient.Builder().followRedirects(false)
                .connectionPool(new ConnectionPool(THREADS, 1, java.util.concurrent.TimeUnit.MINUTES))
                .callTimeout(Duration.ofSeconds(15)).build();

        List<String> problems = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                RequestFuzz fuzz = new RequestFuzz(SEED + t, user, bearers);
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < REQUESTS / THREADS && problems.size() < 20; i++) {
                        RequestFuzz.FuzzRequest request = fuzz.next();
                        String problem = send(client, request, secrets, statuses);
                        if (problem != null) {
                            problems.add(problem);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
            client.connectionPool().evictAll();
        }

        assertEquals(List.of(), problems, "statuses seen: " + statuses);
        assertEquals(REQUESTS, statuses.values().stream().mapToInt(AtomicInteger::get).sum(), "every request answered");
        assertTrue(statuses.containsKey(200) && statuses.containsKey(302) && statuses.containsKey(400),
                "the fuzz reached the handlers, not only the router: " + statuses);
    }

    /** Sends one request; returns what is wrong with the answer, or null. */
    private String send(OkHttpClient client, RequestFuzz.FuzzRequest fuzz, List<String> secrets,
                        Map<Integer, AtomicInteger> statuses) {
        HttpUrl url = HttpUrl.parse(fixture.url("") + fuzz.path());
        if (url == null) {
            url = HttpUrl.parse(fixture.url("/"));
        }
        RequestBody body = fuzz.body() == null ? null : RequestBody.create(fuzz.body(), MediaType.get("application/json"));
        Request.Builder request = new Request.Builder().url(url).method(fuzz.method(), body).header("User-Agent", "Fuzz/1");
        if (fuzz.bearer() != null && !fuzz.bearer().isEmpty()) {
            request.header("Authorization", fuzz.bearer());
        }
        String what = fuzz.method() + " " + url.encodedPath();
        try (Response response = client.newCall(request.build()).execute()) {
            statuses.computeIfAbsent(response.code(), code -> new AtomicInteger()).incrementAndGet();
            String text = response.body().string();
            if (response.code() >= 500) {
                return what + " -> " + response.code() + " " + abbreviate(text);
            }
            String type = String.valueOf(response.header("Content-Type"));
            boolean asset = type.contains("css") || type.contains("javascript") || type.contains("video/");
            for (String trace : TRACES) {
                if (!asset && text.contains(trace)) {
                    return what + " -> body shows '" + trace + "': " + abbreviate(text);
                }
            }
            String headers = response.headers().toString();
            for (String secret : secrets) {
                if (text.contains(secret) || headers.contains(secret)) {
                    return what + " -> a secret in the answer";
                }
            }
            return null;
        } catch (IOException e) {
            return what + " -> " + e;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
