package dev.chillproxy.server.limits;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.server.App;
import dev.chillproxy.server.AppDependencies;
import dev.chillproxy.server.metrics.HttpRequestMetrics;
import dev.chillproxy.server.settings.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The real {@link App} (request ids, CORS, JSON errors) on an ephemeral port with the limits of the given
 * variables on a {@link TestClock}, plus the given routes ({@link #ip} limits those the test wraps).
 */
final class LimitedApp implements AutoCloseable {

    final TestClock clock = new TestClock();
    final Settings settings;
    final RequestLimits limits;
    final ClientIp clientIp;
    final IpLimit ip;
    private final TestDatabase database = TestDatabase.sqlite();
    private final Javalin app;
    private final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).build();

    /** @param routes builds the test routes from this app's limits */
    LimitedApp(Map<String, String> variables, Function<LimitedApp, Consumer<RoutesConfig>> routes) {
        settings = Settings.fromEnvironment(variables);
        limits = new RequestLimits(settings, clock::nanos);
        clientIp = new ClientIp(settings.http().trustedProxies());
        ip = new IpLimit(limits, clientIp);
        app = App.create(new AppDependencies(settings, database.database(), new ObjectMapper(), routes.apply(this),
                        new HttpRequestMetrics(new SimpleMeterRegistry())))
                .start("127.0.0.1", 0);
    }

    Database database() {
        return database.database();
    }

    Response get(String path, String... headers) throws IOException {
        return call("GET", path, headers);
    }

    Response call(String method, String path, String... headers) throws IOException {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + app.port() + path).method(method, null);
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return client.newCall(request.build()).execute();
    }

    /** The status of a GET, body discarded. */
    int status(String path, String... headers) throws IOException {
        try (Response response = get(path, headers)) {
            return response.code();
        }
    }

    @Override
    public void close() {
        client.connectionPool().evictAll();
        app.stop();
        database.close();
    }
}
