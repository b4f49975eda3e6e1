package dev.chillproxy.server.fakes;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.Main;
import dev.chillproxy.server.Server;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;

/**
 * Two Chillproxy instances, wired as in production, on one PostgreSQL database and the same settings, behind the
 * README's HAProxy example. Instance 0 is a {@link ServerFixture} with the catalogue (fake TorBox and indexer), so its
 * helpers (admin API, paths) work; instance 1 is built by {@link Main#build} on its own connection pool.
 */
public final class Cluster implements AutoCloseable {

    public final ServerFixture first;
    public final LoadBalancer balancer;
    private final Database secondDatabase;
    private final Server secondServer;
    private final Javalin secondApp;
    private final DataDirectory dir = DataDirectory.create("chillproxy-cluster");

    private Cluster(Map<String, String> variables) throws Exception {
        Map<String, String> env = new HashMap<>(variables);
        env.put("TRUSTED_PROXIES", "127.0.0.1"); // the balancer connects from there
        first = ServerFixture.withCatalogue(Engine.POSTGRESQL, env);
        secondDatabase = Database.open(first.testDatabase.url());
        secondServer = Main.build(first.settings, secondDatabase, new OkHttpClient(), Clock.systemUTC(), "test",
                new Main.Tuning(2, Duration.ofMillis(20)));
        secondApp = secondServer.app(config -> { }).start("127.0.0.1", 0);
        secondServer.start();
        balancer = LoadBalancer.start(dir.path(), List.of(first.app.port(), secondApp.port()));
    }

    /** Both instances on PostgreSQL behind HAProxy; {@code variables} as for {@link ServerFixture#withCatalogue}. */
    public static Cluster start(Map<String, String> variables) throws Exception {
        return new Cluster(variables);
    }

    /** The URL of {@code path} on instance 0 or 1 directly, bypassing the balancer. */
    public String url(int instance, String path) {
        int port = instance == 0 ? first.app.port() : secondApp.port();
        return "http://127.0.0.1:" + port + path;
    }

    public List<Integer> ports() {
        return new ArrayList<>(List.of(first.app.port(), secondApp.port()));
    }

    @Override
    public void close() throws Exception {
        balancer.close();
        secondApp.stop();
        secondServer.close();
        secondDatabase.close();
        first.close();
        dir.close();
    }
}
