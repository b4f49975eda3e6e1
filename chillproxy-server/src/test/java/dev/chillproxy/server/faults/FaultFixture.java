package dev.chillproxy.server.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import dev.chillproxy.server.Server;
import dev.chillproxy.server.settings.GeneratedSecrets;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.server.torz.TorzComponents;
import io.javalin.Javalin;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The whole server as in production (adapted from the torz tests' fixture), on an ephemeral port over a
 * throw-away database, in front of a misbehaving {@link FakeTorBox} and a Torznab {@link FakeIndexer} that both
 * know a small catalogue: movie {@code n} has one torrent TorBox has cached and one it has not.
 */
final class FaultFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "http://chillproxy.test";
    static final String KEY_ONE = "11111111-aaaa-4bbb-8ccc-000000000001";
    static final String KEY_TWO = "22222222-aaaa-4bbb-8ccc-000000000002";
    static final int MOVIES = 30;

    final FakeTorBox torBox = new FakeTorBox();
    final TestDatabase testDatabase;
    final Database database;
    final Settings settings;
    final Server server;
    final Javalin app;
    final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false)
            .readTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofSeconds(30)).build();
    private final MockWebServer torBoxServer = new MockWebServer();
    private final MockWebServer indexerServer = new MockWebServer();
    private final Path dataDir;

    /** @param databaseUrl adjusts the URL the server opens (e.g. a distinctive PostgreSQL application name) */
    FaultFixture(Engine engine, Map<String, String> variables, UnaryOperator<DatabaseUrl> databaseUrl) {
        List<FakeIndexer.Item> items = new ArrayList<>();
        for (int n = 0; n < MOVIES; n++) {
            torBox.cache(new FakeTorBox.Torrent(cachedHash(n), cachedTitle(n), cachedTitle(n) + ".mkv", 8_000_000_000L));
            items.add(new FakeIndexer.Item(imdbId(n), cachedTitle(n), cachedHash(n), 8_000_000_000L));
            items.add(new FakeIndexer.Item(imdbId(n), "Fault.Movie." + n + ".2021.1080p.WEB-DL.x264-WEB", uncachedHash(n),
                    2_000_000_000L));
        }
        torBox.acceptKey(KEY_ONE);
        torBox.acceptKey(KEY_TWO);
        torBoxServer.setDispatcher(torBox);
        indexerServer.setDispatcher(new FakeIndexer(items));
        try {
            torBoxServer.start();
            indexerServer.start();
            dataDir = Files.createTempDirectory("chillproxy-faults-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(variables);
        env.put("DATA_DIR", dataDir.toString());
        env.put("STREMTHRU_BASE_URL", BASE);
        env.put("TORBOX_API_URL", "http://127.0.0.1:" + torBoxServer.getPort());
        env.put("TORZNAB_INDEXERS", "http://127.0.0.1:" + indexerServer.getPort()
                + "/api/v2.0/indexers/all/results/torznab/api?apikey=jackettkey");
        env.putIfAbsent("POOL_GRANT_TTL", "30s");
        settings = new GeneratedSecrets().fill(Settings.fromEnvironment(env));
        testDatabase = TestDatabase.create(engine);
        database = Database.open(databaseUrl.apply(testDatabase.url()));
        server = Server.build(settings, database, new ObjectMapper(), new OkHttpClient(), Clock.systemUTC(), "test",
                new TorzComponents.Tuning(2, Duration.ofMillis(20)));
        app = server.app(config -> { }).start("127.0.0.1", 0);
        server.start();
    }

    FaultFixture(Engine engine, Map<String, String> variables) {
        this(engine, variables, UnaryOperator.identity());
    }

    static String imdbId(int n) {
        return String.format("tt%07d", 9_000_000 + n);
    }

    static String cachedHash(int n) {
        return "c" + String.format("%039x", n);
    }

    static String uncachedHash(int n) {
        return "d" + String.format("%039x", n);
    }

    private static String cachedTitle(int n) {
        return "Fault.Movie." + n + ".2021.2160p.BluRay.x265-GRP";
    }

    static String cfg(String userId) {
        return ConfigCodec.encode(new TorzConfig(List.of(new StoreConfig("tb", "", userId)), List.of(), false, false, "", ""));
    }

    static String streamPath(String userId, int movie) {
        return "/stremio/torz/" + cfg(userId) + "/stream/movie/" + imdbId(movie) + ".json";
    }

    static String playbackPath(String userId, int movie) {
        return "/stremio/torz/" + cfg(userId) + "/_/strem/" + imdbId(movie) + "/tb/" + cachedHash(movie) + "/-1/";
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    Response get(String path, String userAgent) throws IOException {
        return client.newCall(new Request.Builder().url(url(path)).header("User-Agent", userAgent).build()).execute();
    }

    /** The {@code streams} array of a stream list, after checking it came as a 200. */
    JsonNode streams(String path, String userAgent) throws IOException {
        try (Response response = get(path, userAgent)) {
            String body = response.body().string();
            if (response.code() != 200) {
                throw new AssertionError("HTTP " + response.code() + " for a stream list: " + body);
            }
            return JSON.readTree(body).get("streams");
        }
    }

    /** The {@code Location} of a playback answer, after checking it came as a 302. */
    String play(String path, String userAgent) throws IOException {
        try (Response response = get(path, userAgent)) {
            if (response.code() != 302) {
                throw new AssertionError("HTTP " + response.code() + " for a playback: " + response.body().string());
            }
            return response.header("Location");
        }
    }

    int status(String path) throws IOException {
        try (Response response = get(path, "Probe/1")) {
            return response.code();
        }
    }

    JsonNode admin(String method, String path, String body) throws IOException {
        RequestBody payload = body == null ? null : RequestBody.create(body, MediaType.get("application/json"));
        Request request = new Request.Builder().url(url("/api/v1/admin" + path))
                .header("Authorization", "Bearer " + settings.adminApiKey().orElseThrow().reveal())
                .method(method, payload).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            if (response.code() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.code() + " " + text);
            }
            return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
        }
    }

    String addPoolKey(String key) throws IOException {
        return admin("POST", "/pool-keys", "{\"apiKey\":\"" + key + "\",\"label\":\"k\",\"maxUsers\":5}").get("id").asText();
    }

    String addUser() throws IOException {
        return admin("POST", "/users", "{}").get("id").asText();
    }

    @Override
    public void close() {
        client.connectionPool().evictAll();
        app.stop();
        server.close();
        database.close();
        testDatabase.close();
        torBoxServer.close();
        indexerServer.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
