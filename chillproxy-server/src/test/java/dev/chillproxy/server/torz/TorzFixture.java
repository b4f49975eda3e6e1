package dev.chillproxy.server.torz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.server.Server;
import dev.chillproxy.server.settings.GeneratedSecrets;
import dev.chillproxy.server.settings.Settings;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The whole server, wired as in production, on an ephemeral port over a throw-away database, pointed at fakes
 * through its environment variables; the embedded pool is managed through the real admin API.
 */
final class TorzFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "http://chillproxy.test";

    final TestDatabase testDatabase;
    final Database database;
    final Settings settings;
    final Server server;
    final Javalin app;
    final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).readTimeout(Duration.ofSeconds(30)).build();
    private final Path dataDir;

    TorzFixture(Engine engine, Map<String, String> variables) {
        try {
            dataDir = Files.createTempDirectory("chillproxy-torz-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(variables);
        env.put("DATA_DIR", dataDir.toString());
        env.put("STREMTHRU_BASE_URL", BASE);
        env.put("POOL_GRANT_TTL", "30s");
        settings = new GeneratedSecrets().fill(Settings.fromEnvironment(env));
        testDatabase = TestDatabase.create(engine);
        database = Database.open(testDatabase.url());
        server = Server.build(settings, database, new ObjectMapper(), new OkHttpClient(), Clock.systemUTC(), "test",
                new TorzComponents.Tuning(2, Duration.ofMillis(20)));
        app = server.app(config -> { }).start("127.0.0.1", 0);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /** Our own links carry the public base URL; the test reaches the same path on the loopback port. */
    String local(String publicUrl) {
        return url(publicUrl.substring(BASE.length()));
    }

    Response get(String path, String userAgent) throws IOException {
        return client.newCall(new Request.Builder().url(url(path)).header("User-Agent", userAgent).build()).execute();
    }

    JsonNode getJson(String path, String userAgent) throws IOException {
        try (Response response = get(path, userAgent)) {
            return JSON.readTree(response.body().string());
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
        return admin("POST", "/pool-keys", "{\"apiKey\":\"" + key + "\",\"label\":\"k\",\"maxUsers\":1}").get("id").asText();
    }

    String addUser() throws IOException {
        return admin("POST", "/users", "{}").get("id").asText();
    }

    /** Runs {@code action} with standard error captured (slf4j-simple writes there) and returns what was written. */
    static String capturingLogs(ThrowingRunnable action) throws Exception {
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

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        client.connectionPool().evictAll();
        app.stop();
        server.close();
        database.close();
        testDatabase.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
