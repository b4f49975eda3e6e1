package dev.chillproxy.store.http;

import java.time.Duration;
import java.util.Objects;

/** Per-service HTTP settings; the User-Agent is configurable because Real-Debrid has banned app UAs before. */
public record HttpSettings(String userAgent, Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {

    public HttpSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    /** 5 s connect, 30 s read, default retries. */
    public static HttpSettings defaults(String userAgent) {
        return new HttpSettings(userAgent, Duration.ofSeconds(5), Duration.ofSeconds(30), RetryPolicy.defaults());
    }
}
