package dev.chillproxy.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.BoundSocketFactory;
import dev.chillproxy.server.fakes.DataDirectory;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The README's nginx example ({@code scripts/nginx-example.conf}, the file itself) in front of the running server on
 * loopback: only the listen addresses, certificate paths and upstream port are changed. nginx listens on 127.0.0.2;
 * clients come from 127.0.0.3 and 127.0.0.4, so their own addresses must reach the device ids.
 */
class NginxExampleTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path EXAMPLE = Path.of("..", "scripts", "nginx-example.conf");

    @Test
    void theExampleForwardsHostSchemeAndClientAddressFromATrustedProxy() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx not installed (/usr/sbin/nginx): reverse-proxy example not tested;"
                + " .ci/run installs it");
        try (DataDirectory dir = DataDirectory.create("chillproxy-nginx");
             ServerFixture fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of("TRUSTED_PROXIES", "127.0.0.1"))) {
            int port = freePort();
            String logs = ServerFixture.capturingLogs(() -> {
                Process nginx = startNginx(dir.path(), port, fixture.app.port());
                try {
                    String user = fixture.addUser();
                    fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
                    JsonNode manifest = ServerFixture.JSON.readTree(get(port, "127.0.0.3", "/stremio/torz/manifest.json"));
                    assertEquals("com.example.addon.torz", manifest.get("id").asText());
                    get(port, "127.0.0.3", ServerFixture.streamPath(user, 1));
                    get(port, "127.0.0.4", ServerFixture.streamPath(user, 2));
                    assertEquals(2, fixture.admin("GET", "/users/" + user, null).get("devices").size(),
                            "two client addresses behind the proxy are two devices");
                } finally {
                    nginx.destroy();
                    assertTrue(nginx.waitFor(10, TimeUnit.SECONDS), "nginx did not stop");
                }
            });
            assertFalse(logs.contains("TRUSTED_PROXIES"), logs);
        }
    }

    private static Process startNginx(Path dir, int port, int serverPort) throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=addon.example.com", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl failed");
        String site = Files.readString(EXAMPLE)
                .replace("listen 80;", "listen 127.0.0.2:" + freePort() + ";")
                .replace("listen 443 ssl;", "listen 127.0.0.2:" + port + " ssl;")
                .replace("/etc/letsencrypt/live/addon.example.com/fullchain.pem", cert.toString())
                .replace("/etc/letsencrypt/live/addon.example.com/privkey.pem", key.toString())
                .replace("http://127.0.0.1:8080", "http://127.0.0.1:" + serverPort);
        Files.writeString(dir.resolve("site.conf"), site);
        Files.writeString(dir.resolve("nginx.conf"), "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + ";\nevents {}\nhttp {\n  access_log off;\n"
                + "  client_body_temp_path " + dir + "/body;\n  proxy_temp_path " + dir + "/proxy;\n"
                + "  fastcgi_temp_path " + dir + "/fastcgi;\n  uwsgi_temp_path " + dir + "/uwsgi;\n"
                + "  scgi_temp_path " + dir + "/scgi;\n  include " + dir.resolve("site.conf") + ";\n}\n");
        Process nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.2", port), 200);
                return nginx;
            } catch (IOException notYet) {
                assertTrue(nginx.isAlive(), () -> "nginx stopped: " + read(dir.resolve("nginx.out")) + read(dir.resolve("error.log")));
                Thread.sleep(100);
            }
        }
        nginx.destroy();
        throw new AssertionError("nginx did not listen on 127.0.0.2:" + port);
    }

    /** GET through nginx over HTTPS as host addon.example.com, from {@code clientAddress}. */
    private static String get(int port, String clientAddress, String path) throws Exception {
        X509TrustManager trustAll = new X509TrustManager() { // the test's own self-signed certificate
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trustAll}, null);
        OkHttpClient client = new OkHttpClient.Builder().socketFactory(new BoundSocketFactory(clientAddress))
                .sslSocketFactory(tls.getSocketFactory(), trustAll).hostnameVerifier((host, session) -> true)
                .callTimeout(Duration.ofSeconds(30)).build();
        Request request = new Request.Builder().url("https://127.0.0.2:" + port + path)
                .header("Host", "addon.example.com").header("User-Agent", "Stremio/5").build();
        try (Response response = client.newCall(request).execute()) {
            assertEquals(200, response.code(), path);
            return response.body().string();
        } finally {
            client.connectionPool().evictAll();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
