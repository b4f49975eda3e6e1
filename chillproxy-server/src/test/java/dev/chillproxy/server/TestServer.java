package dev.chillproxy.server;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.server.fakes.DataDirectory;
import dev.chillproxy.server.settings.GeneratedSecrets;
import dev.chillproxy.server.settings.Settings;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The real app on an ephemeral port over a throw-away database (migrated like at start-up), with an
 * OkHttp client that does not follow redirects. Settings come from the given variables plus a temp
 * {@code DATA_DIR}.
 */
final class TestServer implements AutoCloseable {

    final TestDatabase testDatabase;
    final Database database;
    final Settings settings;
    final Server server;
    final Javalin app;
    final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).build();
    private final DataDirectory dataDir = DataDirectory.create("chillproxy-server-test");

    private TestServer(Engine engine, Map<String, String> variables, List<Consumer<RoutesConfig>> extraRoutes) {
        Map<String, String> env = new HashMap<>(variables);
        env.putIfAbsent("DATA_DIR", dataDir.path().toString());
        env.putIfAbsent("ANIME_MAPPING_URL", ""); // no download attempt from tests
        settings = new GeneratedSecrets().fill(Settings.fromEnvironment(env));
        testDatabase = TestDatabase.create(engine);
        database = Database.open(testDatabase.url());
        server = Main.build(settings, database, new OkHttpClient(), Clock.systemUTC(), "1.2.3", Main.Tuning.DEFAULT);
        app = server.app(config -> extraRoutes.forEach(routes -> routes.accept(config.routes))).start("127.0.0.1", 0);
    }

    static TestServer start(Engine engine) {
        return new TestServer(engine, Map.of(), List.of());
    }

    @SafeVarargs
    static TestServer start(Map<String, String> variables, Consumer<RoutesConfig>... extraRoutes) {
        return new TestServer(Engine.SQLITE, variables, List.of(extraRoutes));
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    Response get(String path) throws IOException {
        return client.newCall(new Request.Builder().url(url(path)).build()).execute();
    }

    Response call(Request.Builder request) throws IOException {
        return client.newCall(request.build()).execute();
    }

    @Override
    public void close() {
        client.connectionPool().evictAll();
        app.stop();
        server.close();
        database.close();
        testDatabase.close();
        dataDir.close();
    }
}
