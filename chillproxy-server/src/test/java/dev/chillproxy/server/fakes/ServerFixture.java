package dev.chillproxy.server.fakes;

import dev.chillproxy.core.store.StoreName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.DatabaseUrl;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.server.Main;
import dev.chillproxy.server.Server;
import dev.chillproxy.server.settings.GeneratedSecrets;
import dev.chillproxy.server.settings.Settings;
import io.javalin.Javalin;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The whole server, wired as in production, on an ephemeral port over a throw-away database, configured through its
 * environment variables; the embedded pool is managed through the real admin API. {@link #start} leaves the
 * upstreams to the caller's variables; {@link #withCatalogue} also runs a {@link FakeTorBox} (accepting
 * {@link #KEY_ONE} and {@link #KEY_TWO}) and a {@link FakeIndexer} that both know a small catalogue: movie {@code n}
 * has one torrent TorBox has cached and one it has not. Not thread-safe to set up; its client is shared.
 */
public final class ServerFixture implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String BASE = "http://chillproxy.test";
    public static final String KEY_ONE = "11111111-aaaa-4bbb-8ccc-000000000001";
    public static final String KEY_TWO = "22222222-aaaa-4bbb-8ccc-000000000002";
    public static final int MOVIES = 30;

    /** The catalogue's TorBox; it answers only for a fixture made {@link #withCatalogue}. */
    public final FakeTorBox torBox = new FakeTorBox();
    public final TestDatabase testDatabase;
    public final Database database;
    public final Settings settings;
    public final Server server;
    public final Javalin app;
    public final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false)
            .readTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofSeconds(30)).build();
    private final List<MockWebServer> upstreams = new ArrayList<>();
    private final DataDirectory dataDir = DataDirectory.create("chillproxy-fixture-test");

    private ServerFixture(Engine engine, Map<String, String> variables, boolean catalogue,
                          UnaryOperator<DatabaseUrl> databaseUrl) {
        Map<String, String> env = new HashMap<>(variables);
        if (catalogue) {
            env.put("TORBOX_API_URL", "http://127.0.0.1:" + serve(torBox).getPort());
            env.put("TORZNAB_INDEXERS", "http://127.0.0.1:" + serve(catalogueIndexer()).getPort()
                    + "/api/v2.0/indexers/all/results/torznab/api?apikey=jackettkey");
        }
        env.put("DATA_DIR", dataDir.path().toString());
        env.put("STREMTHRU_BASE_URL", BASE);
        env.putIfAbsent("POOL_GRANT_TTL", "30s");
        env.putIfAbsent("ANIME_MAPPING_URL", ""); // no download attempt unless a test serves a list
        settings = new GeneratedSecrets().fill(Settings.fromEnvironment(env));
        testDatabase = TestDatabase.create(engine);
        database = Database.open(databaseUrl.apply(testDatabase.url()));
        server = Main.build(settings, database, new OkHttpClient(), Clock.systemUTC(), "test",
                new Main.Tuning(2, Duration.ofMillis(20)));
        app = server.app(config -> { }).start("127.0.0.1", 0);
        server.start();
    }

    /** The server alone; upstream URLs (TorBox, indexers, Chillstreams) come from {@code variables}. */
    public static ServerFixture start(Engine engine, Map<String, String> variables) {
        return new ServerFixture(engine, variables, false, UnaryOperator.identity());
    }

    /** The server in front of the fake TorBox and indexer that know the catalogue. */
    public static ServerFixture withCatalogue(Engine engine, Map<String, String> variables) {
        return withCatalogue(engine, variables, UnaryOperator.identity());
    }

    /** @param databaseUrl adjusts the URL the server opens (e.g. a distinctive PostgreSQL application name) */
    public static ServerFixture withCatalogue(Engine engine, Map<String, String> variables,
                                              UnaryOperator<DatabaseUrl> databaseUrl) {
        return new ServerFixture(engine, variables, true, databaseUrl);
    }

    private FakeIndexer catalogueIndexer() {
        List<FakeIndexer.Item> items = new ArrayList<>();
        for (int n = 0; n < MOVIES; n++) {
            torBox.cache(new FakeTorBox.Torrent(cachedHash(n), cachedTitle(n), List.of(cachedTitle(n) + ".mkv"),
                    8_000_000_000L));
            items.add(new FakeIndexer.Item(imdbId(n), cachedTitle(n), cachedHash(n), 8_000_000_000L, 7));
            items.add(new FakeIndexer.Item(imdbId(n), "Fault.Movie." + n + ".2021.1080p.WEB-DL.x264-WEB", uncachedHash(n),
                    2_000_000_000L, 7));
        }
        torBox.acceptKey(KEY_ONE);
        torBox.acceptKey(KEY_TWO);
        return new FakeIndexer(0, items);
    }

    private MockWebServer serve(mockwebserver3.Dispatcher dispatcher) {
        MockWebServer upstream = new MockWebServer();
        upstream.setDispatcher(dispatcher);
        try {
            upstream.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        upstreams.add(upstream);
        return upstream;
    }

    public static String imdbId(int n) {
        return String.format("tt%07d", 9_000_000 + n);
    }

    public static String cachedHash(int n) {
        return "c" + String.format("%039x", n);
    }

    public static String uncachedHash(int n) {
        return "d" + String.format("%039x", n);
    }

    private static String cachedTitle(int n) {
        return "Fault.Movie." + n + ".2021.2160p.BluRay.x265-GRP";
    }

    /** A Torz config using TorBox through the pool as {@code userId}. */
    public static String cfg(String userId) {
        return ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, userId)), List.of(), false, false, "", ""));
    }

    public static String streamPath(String userId, int movie) {
        return "/stremio/torz/" + cfg(userId) + "/stream/movie/" + imdbId(movie) + ".json";
    }

    public static String playbackPath(String userId, int movie) {
        return "/stremio/torz/" + cfg(userId) + "/_/strem/" + imdbId(movie) + "/tb/" + cachedHash(movie) + "/-1/";
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /** Our own links carry the public base URL; the test reaches the same path on the loopback port. */
    public String local(String publicUrl) {
        return url(publicUrl.substring(BASE.length()));
    }

    public Response get(String path, String userAgent) throws IOException {
        return client.newCall(new Request.Builder().url(url(path)).header("User-Agent", userAgent).build()).execute();
    }

    /** The body of a GET, whatever its status. */
    public String getText(String path) throws IOException {
        try (Response response = get(path, "Probe/1")) {
            return response.body().string();
        }
    }

    public JsonNode getJson(String path, String userAgent) throws IOException {
        try (Response response = get(path, userAgent)) {
            return JSON.readTree(response.body().string());
        }
    }

    /** The {@code streams} array of a stream list, after checking it came as a 200. */
    public JsonNode streams(String path, String userAgent) throws IOException {
        try (Response response = get(path, userAgent)) {
            String body = response.body().string();
            if (response.code() != 200) {
                throw new AssertionError("HTTP " + response.code() + " for a stream list: " + body);
            }
            return JSON.readTree(body).get("streams");
        }
    }

    /** The {@code Location} of a playback answer, after checking it came as a 302. */
    public String play(String path, String userAgent) throws IOException {
        try (Response response = get(path, userAgent)) {
            if (response.code() != 302) {
                throw new AssertionError("HTTP " + response.code() + " for a playback: " + response.body().string());
            }
            return response.header("Location");
        }
    }

    public int status(String path) throws IOException {
        try (Response response = get(path, "Probe/1")) {
            return response.code();
        }
    }

    public JsonNode admin(String method, String path, String body) throws IOException {
        RequestBody payload = body == null ? null : RequestBody.create(body, MediaType.get("application/json"));
        Request request = new Request.Builder().url(url("/api/v1/admin" + path))
                .header("Authorization", "Bearer " + settings.pool().adminApiKey().orElseThrow().reveal())
                .method(method, payload).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            if (response.code() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.code() + " " + text);
            }
            return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
        }
    }

    /** Adds a pool key shared by at most {@code maxUsers} users; returns its id. */
    public String addPoolKey(String key, int maxUsers) throws IOException {
        return admin("POST", "/pool-keys", "{\"apiKey\":\"" + key + "\",\"label\":\"k\",\"maxUsers\":" + maxUsers + "}")
                .get("id").asText();
    }

    public String addUser() throws IOException {
        return admin("POST", "/users", "{}").get("id").asText();
    }

    /** Runs {@code action} with standard error captured (slf4j-simple writes there) and returns what was written. */
    public static String capturingLogs(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        client.connectionPool().evictAll();
        app.stop();
        server.close();
        database.close();
        testDatabase.close();
        upstreams.forEach(MockWebServer::close);
        dataDir.close();
    }
}
