package dev.chillproxy.server;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.server.settings.GeneratedSecrets;
import dev.chillproxy.server.settings.InvalidSettingsException;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.server.stremio.ConfigureRoutes;
import dev.chillproxy.server.stremio.ManifestRoutes;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads the settings once, builds every object with plain constructors, starts
 * the server and installs the SIGTERM hook. The only class that calls {@code start}.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** In-flight requests get this long to finish after SIGTERM. */
    private static final int STOP_TIMEOUT_MS = 10_000;

    private Main() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
        } catch (InvalidSettingsException e) {
            e.problems().forEach(problem -> LOG.error("invalid setting: {}", problem));
            LOG.error("start-up stopped: fix the variables above");
            System.exit(2);
            return;
        }
        settings = new GeneratedSecrets().fill(settings);
        LOG.info("starting with {}", settings);

        ObjectMapper objectMapper = objectMapper();
        OkHttpClient httpClient = new OkHttpClient();
        String version = AppVersion.read();
        Database database = DatabaseBootstrap.open(settings.databaseUrl(), version);
        // httpClient is handed to the store and pool adapters as they land; built once here.
        AppDependencies deps = new AppDependencies(settings, database, objectMapper, routeGroups(settings,
                objectMapper, httpClient, version));
        Javalin app = App.create(deps, config -> config.jetty.modifyServer(server ->
                server.setStopTimeout(STOP_TIMEOUT_MS)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("SIGTERM: finishing in-flight requests (up to {} ms)", STOP_TIMEOUT_MS);
            app.stop();
            database.close();
            httpClient.dispatcher().executorService().shutdown();
            httpClient.connectionPool().evictAll();
        }, "chillproxy-shutdown"));
        app.start(settings.port());
        LOG.info("ready on port {} in {} ms ({})", app.port(), (System.nanoTime() - started) / 1_000_000,
                settings.baseUrl());
    }

    /** The one mapper: lenient on unknown upstream fields, shared by Javalin and the adapters. */
    static ObjectMapper objectMapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Every feature's routes beyond health; the place to add new route classes. */
    static List<RouteGroup> routeGroups(Settings settings, ObjectMapper objectMapper, OkHttpClient httpClient,
                                        String version) {
        return List.of(
                new ManifestRoutes(version, settings.trustedProxies()),
                new ConfigureRoutes(settings.baseUrl()));
    }
}
