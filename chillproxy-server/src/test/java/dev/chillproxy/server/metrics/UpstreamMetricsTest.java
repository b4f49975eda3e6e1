package dev.chillproxy.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.chillproxy.store.StoreEndpoints;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamMetricsTest {

    private static final String KEY = "tbkey-5f0e1d2c3b4a69788796a5b4c3d2e1f0";
    private static final String HASH = "c9e15763f722f23e98a29decdfae341b98d53056";

    private final MockWebServer server = new MockWebServer();
    private final Metrics metrics = new Metrics();
    private OkHttpClient client;

    @BeforeEach
    void start() throws IOException {
        server.start(0);
        // every fake on one server, told apart by base path, as the end-to-end tests run them
        StoreEndpoints stores = new StoreEndpoints(url("/torbox"), url("/rd/rest/1.0"), url("/ad"), url("/pm/api"),
                url("/dl/api/v2"));
        UpstreamServices services = UpstreamServices.of(stores,
                List.of(URI.create("http://localhost:" + server.getPort() + "/api/v2.0/indexers/all/results/torznab/api?apikey=" + KEY)),
                Optional.of(URI.create(url("/chillstreams"))));
        client = new OkHttpClient.Builder().addInterceptor(metrics.upstream(services))
                .readTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        client.connectionPool().evictAll();
        server.close();
        metrics.close();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private int get(String path) throws IOException {
        return get(server.url(path));
    }

    private int get(HttpUrl url) throws IOException {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + KEY).build();
        try (Response response = client.newCall(request).execute()) {
            return response.code();
        }
    }

    private void answer(int code) {
        server.enqueue(new MockResponse.Builder().code(code).body("{}").build());
    }

    private double count(String... labels) {
        return Scrape.of(metrics.registry()).value("chillproxy_upstream_requests_seconds_count", labels);
    }

    @Test
    void storeCallsAreLabelledByServiceOperationAndStatus() throws IOException {
        answer(200);
        answer(200);
        answer(429);
        answer(503);
        get("/torbox/v1/api/torrents/checkcached?hash=" + HASH + "&format=list");
        get("/torbox/v1/api/torrents/requestdl?token=" + KEY + "&torrent_id=987654321&file_id=3&user_ip=203.0.113.9");
        get("/rd/rest/1.0/torrents/info/ABCDEFGHIJKLM");
        get("/ad/v4.1/magnet/status?agent=chillproxy&apikey=" + KEY);

        assertEquals(1, count("service=torbox", "operation=torrents/checkcached", "status=200", "outcome=success"));
        assertEquals(1, count("service=torbox", "operation=torrents/requestdl", "status=200"));
        assertEquals(1, count("service=realdebrid", "operation=torrents/info", "status=429", "outcome=client_error"));
        assertEquals(1, count("service=alldebrid", "operation=magnet/status", "status=503", "outcome=server_error"));
        Set<String> labels = Scrape.of(metrics.registry()).labelValues();
        for (String secret : List.of(KEY, HASH, "ABCDEFGHIJKLM", "203.0.113.9", "987654321")) {
            assertTrue(labels.stream().noneMatch(value -> value.contains(secret)), "a label holds " + secret);
        }
    }

    @Test
    void unknownPathsAndHostsFallIntoOther() throws IOException {
        answer(200);
        answer(200);
        get("/torbox/v1/api/some/new/" + HASH);
        get(HttpUrl.get("http://127.0.0.1:" + server.getPort() + "/anything?x=1"));

        assertEquals(1, count("service=torbox", "operation=other"));
        // the fake listens on "localhost"; 127.0.0.1 is another host as far as labels go
        assertEquals(1, count("service=other", "operation=other"));
    }

    @Test
    void indexerCallsAreLabelledByTorznabFunction() throws IOException {
        answer(200);
        answer(200);
        answer(200);
        answer(404);
        get("/api/v2.0/indexers/all/results/torznab/api?apikey=" + KEY + "&t=caps");
        get("/api/v2.0/indexers/all/results/torznab/api?apikey=" + KEY + "&t=movie&imdbid=tt0111161");
        get("/dl/some-indexer/?jackett_apikey=" + KEY + "&path=abc&file=Movie.torrent");
        // a user's own indexer on a host the operator never configured
        get(HttpUrl.get("http://127.0.0.1:" + server.getPort() + "/my/torznab/api?t=tvsearch&apikey=" + KEY));

        assertEquals(1, count("service=indexer", "operation=caps"));
        assertEquals(1, count("service=indexer", "operation=movie"));
        assertEquals(1, count("service=indexer", "operation=download"));
        assertEquals(1, count("service=indexer", "operation=tvsearch", "status=404"));
    }

    @Test
    void chillstreamsCallsAreLabelled() throws IOException {
        answer(200);
        get("/chillstreams/api/v1/internal/pool/get-key");
        assertEquals(1, count("service=chillstreams", "operation=pool/get-key"));
    }

    @Test
    void ioErrorsAndTimeoutsAreCountedAndRethrown() throws IOException {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());
        client = client.newBuilder().readTimeout(Duration.ofMillis(300)).build(); // only this call should time out
        assertThrows(IOException.class, () -> get("/torbox/v1/api/user/me?settings=false"));
        assertEquals(1, count("service=torbox", "operation=user/me", "status=timeout", "outcome=io_error"));

        HttpUrl closed = server.url("/pm/api/cache/check");
        server.close();
        assertThrows(IOException.class, () -> get(closed));
        assertEquals(1, count("service=premiumize", "operation=cache/check", "status=io_error", "outcome=io_error"));
    }
}
