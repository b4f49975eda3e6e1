package dev.chillproxy.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.RouteTable;
import java.io.IOException;
import java.util.Optional;

import dev.chillproxy.core.secret.ApiKey;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsRoutesTest {

    private static final String TOKEN = "metrics-token-0123456789abcdef0123";

    private final OkHttpClient client = new OkHttpClient();
    private final Metrics metrics = new Metrics();
    private Javalin app;

    private void start(Optional<ApiKey> token) {
        MetricsRoutes routes = metrics.routes();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            RouteTable.metrics(config.routes, routes, token.map(key -> new BearerGuard(key, "METRICS_TOKEN")));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        client.connectionPool().evictAll();
        if (app != null) {
            app.stop();
        }
        metrics.close();
    }

    private Reply get(String authorization) throws IOException {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + app.port() + "/metrics");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.header("Content-Type", ""), response.body().string());
        }
    }

    private record Reply(int status, String contentType, String body) {
    }

    @Test
    void openWithoutTokenServesPrometheusTextWithJvmBasics() throws IOException {
        start(Optional.empty());
        Reply reply = get(null);
        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("text/plain"), reply.contentType());
        assertTrue(reply.body().contains("jvm_memory_used_bytes{"), "memory");
        assertTrue(reply.body().contains("jvm_threads_live_threads "), "threads");
        assertTrue(reply.body().contains("jvm_gc_"), "gc");
        assertTrue(reply.body().contains("process_start_time_seconds "), "start time");
        assertTrue(reply.body().contains("process_uptime_seconds "), "uptime");
    }

    @Test
    void tokenSetRefusesMissingOrWrongBearerWithJsonError() throws IOException {
        start(Optional.of(ApiKey.of(TOKEN)));
        for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN,
                "Bearer " + TOKEN.toUpperCase()}) {
            Reply reply = get(authorization);
            assertEquals(401, reply.status(), String.valueOf(authorization));
            assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
            assertTrue(reply.body().contains("\"code\":\"unauthorized\""), reply.body());
            assertFalse(reply.body().contains("jvm_"), "no metrics without the token");
            assertFalse(reply.body().contains(TOKEN), "the token is never echoed");
        }
    }

    @Test
    void tokenSetServesMetricsToTheRightBearer() throws IOException {
        start(Optional.of(ApiKey.of(TOKEN)));
        assertEquals(200, get("Bearer " + TOKEN).status());
        assertEquals(200, get("bearer " + TOKEN).status());
        assertTrue(get("Bearer " + TOKEN).body().contains("process_start_time_seconds"));
    }
}
