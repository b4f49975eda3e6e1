package dev.chillproxy.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.RouteTable;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.chillproxy.core.torz.Access.Refusal;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.StoreEndpoints;
import io.javalin.Javalin;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every piece wired as the server wires it, on a bare Javalin: traffic carries a fake key, user id, device id and
 * hash in paths, headers, query strings and bodies; the scrape must hold none of them, nor a raw path.
 */
class MetricsLeakTest {

    private static final String METRICS_TOKEN = "scrape-token-6c5b4a39281706f5e4d3c2b1";
    private static final String POOL_KEY = "tbpoolkey4f1e2d3c4b5a69788796a5b4c3";
    private static final String USER = "7d9f3c1e-2b4a-4e6f-8a1b-3c5d7e9f1a2b";
    private static final String DEVICE = "devicehash0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String HASH = "aabbccddeeff00112233445566778899aabbccdd";
    private static final String CFG = "eyJzdG9yZXMiOlt7ImMiOiJ0YiIsImF1dGgiOiI3ZDlmM2MxZSJ9XX0";

    private final MockWebServer torbox = new MockWebServer();
    private final Metrics metrics = new Metrics();
    private final OkHttpClient client = new OkHttpClient();
    private OkHttpClient upstream;
    private Javalin app;

    /** Allows and denies in turn; the denial message and key id quote the user, as a careless pool might. */
    private static final class FakePool implements KeySource {
        private final AtomicLong calls = new AtomicLong();

        @Override
        public Grant getKey(GetKeyRequest request) {
            return calls.incrementAndGet() % 2 == 0
                    ? new Grant.Denied(Refusal.DEVICE_LIMIT, "device limit for " + request.userId(), 4)
                    : new Grant.Allowed(ApiKey.of(POOL_KEY), "key-" + request.userId(), 1);
        }
    }

    @BeforeEach
    void start() throws IOException {
        torbox.start(0);
        StoreEndpoints stores = StoreEndpoints.defaults();
        stores = new StoreEndpoints(torbox.url("/").toString(), stores.realDebrid(), stores.allDebrid(),
                stores.premiumize(), stores.debridLink());
        upstream = client.newBuilder()
                .addInterceptor(metrics.upstream(UpstreamServices.of(stores, List.<URI>of(), Optional.empty())))
                .build();
        KeySource pool = metrics.meter(new FakePool());
        CacheCounters magnets = metrics.cacheCounters("magnet");
        metrics.outboxDepth(() -> 4);
        metrics.poolKeyHealth(() -> Map.of("healthy", 2L, "cooldown", 1L));
        HttpRequestMetrics http = metrics.httpRequests();
        MetricsRoutes routes = metrics.routes();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.requestLogger.http(http::record);
            RouteTable.metrics(config.routes, routes, Optional.of(new BearerGuard(ApiKey.of(METRICS_TOKEN), "METRICS_TOKEN")));
            config.routes.get("/stremio/torz/{cfg}/stream/{type}/{id}", ctx -> {
                Grant grant = pool.getKey(new GetKeyRequest(USER, ctx.header("X-Device"), "stream-list", HASH));
                if (grant instanceof Grant.Allowed allowed) {
                    Request check = new Request.Builder()
                            .url(torbox.url("/v1/api/torrents/checkcached?format=list&hash=" + HASH + "&user=" + USER))
                            .header("Authorization", "Bearer " + allowed.poolKey().reveal()).build();
                    try (Response response = upstream.newCall(check).execute()) {
                        ctx.status(response.code());
                    }
                    magnets.hit(1);
                } else {
                    magnets.miss(1);
                }
                ctx.result("{\"streams\":[]}");
            });
            config.routes.post("/api/v1/internal/pool/get-key", ctx -> ctx.status(401).result(ctx.body()));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        client.connectionPool().evictAll();
        app.stop();
        torbox.close();
        metrics.close();
    }

    private Response call(Request.Builder request) throws IOException {
        return client.newCall(request.build()).execute();
    }

    private String base() {
        return "http://127.0.0.1:" + app.port();
    }

    @Test
    void noSecretUserIdHashOrRawPathReachesTheScrape() throws IOException {
        for (int i = 0; i < 4; i++) {
            torbox.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[]}").build());
            call(new Request.Builder().url(base() + "/stremio/torz/" + CFG + "/stream/movie/tt0111161:" + USER
                    + ".json?key=" + POOL_KEY).header("X-Device", DEVICE).header("Authorization", "Bearer " + POOL_KEY))
                    .close();
        }
        call(new Request.Builder().url(base() + "/api/v1/internal/pool/get-key")
                .post(RequestBody.create("{\"userId\":\"" + USER + "\",\"deviceId\":\"" + DEVICE + "\"}",
                        MediaType.get("application/json")))).close();
        call(new Request.Builder().url(base() + "/nothing/" + USER + "/" + POOL_KEY + "/" + HASH)).close();

        String scrape;
        try (Response response = call(new Request.Builder().url(base() + "/metrics")
                .header("Authorization", "Bearer " + METRICS_TOKEN))) {
            assertEquals(200, response.code());
            scrape = response.body().string();
        }
        // the traffic was measured...
        Scrape parsed = new Scrape(scrape);
        assertEquals(4, parsed.value("http_server_requests_seconds_count",
                "route=/stremio/torz/{cfg}/stream/{type}/{id}", "status=200"));
        assertEquals(2, parsed.value("chillproxy_upstream_requests_seconds_count", "service=torbox",
                "operation=torrents/checkcached"));
        assertEquals(2, parsed.value("chillproxy_pool_denials_total", "reason=device_limit"));
        assertEquals(2, parsed.value("cache_gets_total", "cache=magnet", "result=hit"));
        assertEquals(4, parsed.value("chillproxy_outbox_depth"));
        assertEquals(1, parsed.value("chillproxy_pool_keys", "status=cooldown"));
        // ...and nothing identifying came with it
        for (String secret : List.of(POOL_KEY, USER, DEVICE, HASH, CFG, METRICS_TOKEN, "tt0111161", "/nothing",
                "key-" + USER, USER.substring(0, 8), POOL_KEY.substring(POOL_KEY.length() - 6))) {
            assertFalse(scrape.contains(secret), "the scrape holds " + secret);
        }
        assertTrue(parsed.labelValues().stream().noneMatch(value -> value.contains("?")), "no query string");
    }
}
