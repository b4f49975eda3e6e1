package dev.chillproxy.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.store.http.HttpSettings;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.http.RetryPolicy;
import dev.chillproxy.store.http.UpstreamHttp;
import java.time.Duration;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;

/** Shared test plumbing: one OkHttpClient, fast retries, JSON responses. */
public final class Fixtures {

    public static final OkHttpClient CLIENT = new OkHttpClient();
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofSeconds(1));

    private Fixtures() {
    }

    public static UpstreamHttp http(StoreName store) {
        return http(store, FAST_RETRY, Duration.ofSeconds(5));
    }

    public static UpstreamHttp http(StoreName store, RetryPolicy retry, Duration readTimeout) {
        return http(store, retry, readTimeout, ResilienceSettings.defaults());
    }

    public static UpstreamHttp http(StoreName store, RetryPolicy retry, Duration readTimeout,
                                    ResilienceSettings resilience) {
        HttpSettings settings = new HttpSettings("chillproxy/test", Duration.ofSeconds(2), readTimeout, retry);
        return new UpstreamHttp(CLIENT, JSON, store, settings, resilience);
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse json(String body) {
        return json(200, body);
    }

    public static MockResponse text(int code, String contentType, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
    }

    public static String form(mockwebserver3.RecordedRequest request) {
        return java.net.URLDecoder.decode(request.getBody().utf8(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
