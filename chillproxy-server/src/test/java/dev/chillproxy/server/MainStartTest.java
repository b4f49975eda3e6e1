package dev.chillproxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.server.fakes.DataDirectory;
import dev.chillproxy.server.settings.GeneratedSecrets;
import dev.chillproxy.server.settings.Settings;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** What an operator sees when start-up cannot go on: the real {@code main} in a child JVM, its output and exit code. */
class MainStartTest {

    private record Run(int exitCode, long millis, String output) {
    }

    @Test
    void aTakenPortStopsStartUpAtOnceWithOneLineAndBeforeAnyMigration() throws Exception {
        try (DataDirectory data = DataDirectory.create("chillproxy-main-port");
             ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Run run = runMain(Map.of("PORT", String.valueOf(taken.getLocalPort()), "BIND_ADDRESS", "127.0.0.1",
                    "DATA_DIR", data.path().toString()));

            assertNotEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"), run.output());
            assertTrue(run.output().contains("set PORT to a free port"), run.output());
            assertNoTraceNorSignal(run);
            assertTrue(run.millis() < 8_000, "took " + run.millis() + " ms");
            assertFalse(Files.exists(data.path().resolve("chillproxy.db")), "the database was opened before the port check");
        }
    }

    @Test
    void aLostEncryptionKeyFileStopsStartUpAndSaysWhatToRestore() throws Exception {
        try (DataDirectory data = DataDirectory.create("chillproxy-main-key")) {
            Map<String, String> env = Map.of("DATA_DIR", data.path().toString(), "ANIME_MAPPING_URL", "");
            Settings settings = new GeneratedSecrets().fill(Settings.fromEnvironment(env));
            try (Database database = Database.open(settings.storage().databaseUrl())) {
                Main.build(settings, database, new OkHttpClient(), Clock.systemUTC(), "test", Main.Tuning.DEFAULT).close();
                new PoolAdmin(database, PoolKeyCipher.of(settings.pool().poolEncryptionKey().orElseThrow().reveal()),
                        Clock.systemUTC(), null).createPoolKey("tbk-a-key-that-was-added-before-the-move-0001", "a", null, 5);
            }
            // the data folder copied without its key file: the next start would generate a new one
            Files.delete(data.path().resolve(PoolKeyCipher.FILE_NAME));
            Map<String, String> withFreePort = new HashMap<>(env);
            withFreePort.put("PORT", String.valueOf(freePort()));
            withFreePort.put("BIND_ADDRESS", "127.0.0.1");

            Run run = runMain(withFreePort);

            assertNotEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("1 stored pool key(s) cannot be decrypted"), run.output());
            assertTrue(run.output().contains(data.path().resolve("pool-encryption.key").toString()), run.output());
            assertTrue(run.output().contains("POOL_ENCRYPTION_KEY"), run.output());
            assertNoTraceNorSignal(run);
            assertFalse(run.output().contains("ready on"), run.output());
        }
    }

    private static void assertNoTraceNorSignal(Run run) {
        assertFalse(run.output().contains("\tat "), "stack trace:\n" + run.output());
        assertFalse(run.output().contains("SIGTERM"), run.output());
        assertEquals(1, run.output().lines().filter(line -> line.contains("ERROR")).count(), run.output());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code Main} on this test's class path with production log levels and only {@code env} set. */
    private static Run runMain(Map<String, String> env) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.log.dev.chillproxy=info",
                Main.class.getName())).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path log = Files.createTempFile("chillproxy-main", ".log");
        builder.redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(); // a server that started anyway is stopped by the test
        }
        String output = Files.readString(log);
        Files.delete(log);
        assertTrue(exited, "main did not exit:\n" + output);
        return new Run(process.exitValue(), (System.nanoTime() - start) / 1_000_000, output);
    }
}
