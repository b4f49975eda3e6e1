package dev.chillproxy.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.server.settings.GeneratedSecrets;
import dev.chillproxy.server.settings.Settings;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The build's training run for the class-data archive {@code target/chillproxy.jsa}: the build runs this class under
 * {@code -XX:ArchiveClassesAtExit}, so the archive holds the classes a start loads. Run with
 * {@code -XX:SharedArchiveFile} (the README's command) the JVM then maps them instead of reading, verifying and
 * linking them from the jar, and a start on the embedded default takes about a third less time on two cores.
 *
 * <p>It starts the embedded default exactly as {@code Main} does, on loopback, a free port and a data folder of its
 * own that it deletes; asks for the pages a new install is asked for first (health, manifests, the configure page, a
 * stream list of a user the pool does not know); and exits. Nothing leaves the machine.
 */
final class StartArchiveTraining {

    private StartArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Files.createTempDirectory("chillproxy-archive-training");
        int port = freePort();
        CompletableFuture<OkHttpClient> http = StartWarmup.preload(true);
        // no anime mapping download: the build may have no internet, and a start does not wait for it
        Settings settings = new GeneratedSecrets().fill(Settings.fromEnvironment(Map.of("PORT", Integer.toString(port),
                "BIND_ADDRESS", "127.0.0.1", "DATA_DIR", data.toString(), "ANIME_MAPPING_URL", "")));
        Main.run(settings, new StartTimes(System.nanoTime(), System.currentTimeMillis()), http);
        String cfg = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX,
                "00000000-0000-4000-8000-000000000000")), List.of(), false, false, "", ""));
        OkHttpClient client = http.join();
        for (String path : List.of("/health", "/stremio/torz/manifest.json", "/stremio/torz/configure",
                "/stremio/torz/" + cfg + "/manifest.json", "/stremio/torz/" + cfg + "/stream/movie/tt0133093.json")) {
            try (Response response = client.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build())
                    .execute()) {
                response.body().bytes();
            }
        }
        // exit runs Main's shutdown hook (stops the server) beside this one; hooks run concurrently, and deleting
        // the still-open database file is harmless: the folder is only this run's
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(data)));
        System.exit(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the OS clears it
        }
    }
}
