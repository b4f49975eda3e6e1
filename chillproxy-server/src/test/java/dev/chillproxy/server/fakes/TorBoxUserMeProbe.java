package dev.chillproxy.server.fakes;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import dev.chillproxy.chillstreams.embedded.KeyProbe;
import dev.chillproxy.chillstreams.embedded.ProbeResult;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;

/** A test {@link KeyProbe} asking a (fake) TorBox {@code GET /v1/api/user/me} whether a key works. Thread-safe. */
public final class TorBoxUserMeProbe implements KeyProbe {

    private final OkHttpClient http;
    private final HttpUrl base;

    public TorBoxUserMeProbe(OkHttpClient http, HttpUrl base) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = Objects.requireNonNull(base, "base");
    }

    @Override
    public ProbeResult probe(StoreName service, ApiKey key) {
        if (service != StoreName.TORBOX) {
            return new ProbeResult.Error("this test probe checks TorBox keys only");
        }
        HttpUrl url = base.newBuilder().addPathSegments("v1/api/user/me").addQueryParameter("settings", "false").build();
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + key.reveal()).build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 401 || response.code() == 403) {
                return new ProbeResult.Unauthorized();
            }
            if (response.code() == 429) {
                return new ProbeResult.Throttled(Instant.now().plusSeconds(60));
            }
            return response.isSuccessful() && response.body().string().contains("\"success\":true")
                    ? new ProbeResult.Ok() : new ProbeResult.Error("TorBox answered " + response.code());
        } catch (IOException e) {
            return new ProbeResult.Error("TorBox unreachable");
        }
    }
}
