package dev.chillproxy.server.metrics;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * An OkHttp application interceptor that times every upstream call until its response headers arrive:
 * {@code chillproxy_upstream_requests_seconds{service,operation,status,outcome}}. {@code service} comes from
 * {@link UpstreamServices} (plus {@code indexer} for any Torznab search, so users' own indexers count too),
 * {@code operation} from {@link UpstreamOperations}' allowlist, {@code status} is the HTTP code or {@code io_error}
 * / {@code timeout}, {@code outcome} one of success, redirection, client_error, server_error, io_error. The query
 * string, where keys live, never reaches a label. Thread-safe.
 */
public final class UpstreamMetrics implements Interceptor {

    static final String NAME = "chillproxy.upstream.requests";

    private final MeterRegistry registry;
    private final UpstreamServices services;
    private final TimerCache timers = new TimerCache();

    public UpstreamMetrics(MeterRegistry registry, UpstreamServices services) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        HttpUrl url = chain.request().url();
        String service = service(url);
        String operation = UpstreamOperations.of(service, url);
        long started = System.nanoTime();
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            record(service, operation, e instanceof InterruptedIOException ? "timeout" : "io_error", "io_error", started);
            throw e;
        }
        int code = response.code();
        record(service, operation, code >= 100 && code <= 599 ? Integer.toString(code) : "invalid", outcome(code), started);
        return response;
    }

    private String service(HttpUrl url) {
        String service = services.serviceOf(url);
        if (service.equals(UpstreamServices.OTHER)) {
            String function = UpstreamOperations.torznabFunction(url);
            if (function != null && !function.equals(UpstreamOperations.OTHER)) {
                return UpstreamServices.INDEXER;
            }
        }
        return service;
    }

    private void record(String service, String operation, String status, String outcome, long started) {
        timers.get(service + ' ' + operation + ' ' + status + ' ' + outcome, () -> Timer.builder(NAME)
                .description("Calls to debrid stores, indexers and Chillstreams, until the response headers")
                .tag("service", service)
                .tag("operation", operation)
                .tag("status", status)
                .tag("outcome", outcome)
                .serviceLevelObjectives(LatencyBuckets.BUCKETS)
                .register(registry))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static String outcome(int code) {
        if (code >= 200 && code < 300) {
            return "success";
        }
        if (code >= 300 && code < 400) {
            return "redirection";
        }
        if (code >= 400 && code < 500) {
            return "client_error";
        }
        return code >= 500 ? "server_error" : "informational";
    }
}
