package dev.chillproxy.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpRequestMetricsTest {

    private static final String SECRET_CFG = "eyJzdG9yZXMiOlt7ImMiOiJ0YiIsInQiOiJTRUNSRVRUT0tFTiJ9XX0";

    private final OkHttpClient client = new OkHttpClient();
    private final Metrics metrics = new Metrics();
    private Javalin app;

    @BeforeEach
    void start() {
        HttpRequestMetrics http = metrics.httpRequests();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.requestLogger.http(http::record);
            config.routes.get("/stremio/torz/{cfg}/manifest.json", ctx -> ctx.result("{}"));
            config.routes.head("/stremio/torz/{cfg}/_/strem/{id}", ctx -> ctx.status(302));
            config.routes.get("/boom", ctx -> {
                throw new IllegalStateException("boom");
            });
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        client.connectionPool().evictAll();
        app.stop();
        metrics.close();
    }

    private int call(String method, String path) throws IOException {
        Request request = new Request.Builder().url("http://127.0.0.1:" + app.port() + path).method(method, null).build();
        try (Response response = client.newBuilder().followRedirects(false).build().newCall(request).execute()) {
            return response.code();
        }
    }

    @Test
    void latencyIsRecordedPerRouteTemplateMethodAndStatus() throws IOException {
        call("GET", "/stremio/torz/" + SECRET_CFG + "/manifest.json");
        call("GET", "/stremio/torz/other-config/manifest.json");
        call("HEAD", "/stremio/torz/" + SECRET_CFG + "/_/strem/tt0111161");
        call("GET", "/boom");
        Scrape scrape = Scrape.of(metrics.registry());

        String manifest = "route=/stremio/torz/{cfg}/manifest.json";
        assertEquals(2, scrape.value("http_server_requests_seconds_count", "method=GET", manifest, "status=200"));
        assertEquals(1, scrape.value("http_server_requests_seconds_count", "method=HEAD",
                "route=/stremio/torz/{cfg}/_/strem/{id}", "status=302"));
        assertEquals(1, scrape.value("http_server_requests_seconds_count", "route=/boom", "status=500"));
        assertFalse(scrape.text().contains(SECRET_CFG), "the raw config segment never becomes a label");
        assertFalse(scrape.text().contains("tt0111161"));
    }

    @Test
    void histogramBucketsSpanOneMillisecondToTenSeconds() throws IOException {
        call("GET", "/stremio/torz/x/manifest.json");
        Scrape scrape = Scrape.of(metrics.registry());
        String route = "route=/stremio/torz/{cfg}/manifest.json";
        assertEquals(1, scrape.lines("http_server_requests_seconds_bucket", route, "le=0.001").size());
        assertEquals(1, scrape.lines("http_server_requests_seconds_bucket", route, "le=10.0").size());
        // every request is at most +Inf, and the cumulative buckets never decrease
        assertEquals(1, scrape.value("http_server_requests_seconds_bucket", route, "le=+Inf"));
        assertTrue(scrape.value("http_server_requests_seconds_bucket", route, "le=0.001")
                <= scrape.value("http_server_requests_seconds_bucket", route, "le=10.0"));
    }

    @Test
    void unmatchedPathsShareOneRouteLabel() throws IOException {
        for (int i = 0; i < 5; i++) {
            assertEquals(404, call("GET", "/wp-admin/probe-" + i + "/secret-user-0123456789"));
        }
        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(5, scrape.value("http_server_requests_seconds_count", "route=unmatched", "status=404"));
        assertFalse(scrape.text().contains("probe-"));
        assertFalse(scrape.text().contains("secret-user"));
    }
}
