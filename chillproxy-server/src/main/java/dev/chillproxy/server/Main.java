package dev.chillproxy.server;

import java.time.Clock;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.server.settings.GeneratedSecrets;
import dev.chillproxy.server.settings.InvalidSettingsException;
import dev.chillproxy.server.settings.Settings;
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
            settings = new GeneratedSecrets().fill(Settings.fromEnvironment(System.getenv()));
        } catch (InvalidSettingsException e) {
            e.problems().forEach(problem -> LOG.error("invalid setting: {}", problem));
            LOG.error("start-up stopped: fix the variables above");
            System.exit(2);
            return;
        }
        LOG.info("starting with {}", settings);

        String version = AppVersion.read();
        Database database = DatabaseBootstrap.open(settings.databaseUrl(), version);
        Server server = Server.build(settings, database, objectMapper(), new OkHttpClient(), Clock.systemUTC(), version);
        Javalin app = server.app(config -> config.jetty.modifyServer(jetty -> jetty.setStopTimeout(STOP_TIMEOUT_MS)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("SIGTERM: finishing in-flight requests (up to {} ms), then draining usage events", STOP_TIMEOUT_MS);
            app.stop();
            server.close();
            database.close();
        }, "chillproxy-shutdown"));
        app.start(settings.port());
        server.start();
        LOG.info("ready on port {} in {} ms ({})", app.port(), (System.nanoTime() - started) / 1_000_000,
                settings.baseUrl());
    }

    /** The one mapper: lenient on unknown upstream fields, shared by Javalin and the adapters. */
    static ObjectMapper objectMapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
