package dev.chillproxy.server.fakes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * HAProxy from Debian's package, running the README's example ({@code scripts/haproxy-cluster.cfg}, the file itself)
 * with only its listen address and the instances' addresses replaced. It listens on 127.0.0.2; {@link #get} connects
 * from a chosen loopback address, so every client address is a client of its own.
 */
public final class LoadBalancer implements AutoCloseable {

    public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final Path EXAMPLE = Path.of("..", "scripts", "haproxy-cluster.cfg");
    private static final String ADDRESS = "127.0.0.2";

    private final Process haproxy;
    private final int port;

    private LoadBalancer(Process haproxy, int port) {
        this.haproxy = haproxy;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(HAPROXY);
    }

    /** HAProxy in front of the two instances listening on 127.0.0.1 at {@code instancePorts}. */
    public static LoadBalancer start(Path dir, List<Integer> instancePorts) throws Exception {
        if (instancePorts.size() != 2) {
            throw new IllegalArgumentException("the example lists two instances");
        }
        int port = freePort();
        String config = Files.readString(EXAMPLE)
                .replace("bind :8080", "bind " + ADDRESS + ":" + port)
                .replace("chillproxy-1:8080", "127.0.0.1:" + instancePorts.get(0))
                .replace("chillproxy-2:8080", "127.0.0.1:" + instancePorts.get(1));
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Path log = dir.resolve("haproxy.out");
        Process haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(ADDRESS, port), 200);
                return new LoadBalancer(haproxy, port);
            } catch (IOException notYet) {
                if (!haproxy.isAlive()) {
                    throw new AssertionError("haproxy stopped: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
        haproxy.destroy();
        throw new AssertionError("haproxy did not listen on " + ADDRESS + ":" + port);
    }

    /** A GET through the balancer from {@code clientAddress} (127.0.0.x). */
    public Response get(String clientAddress, String path, String userAgent) throws IOException {
        OkHttpClient client = new OkHttpClient.Builder().socketFactory(new BoundSocketFactory(clientAddress))
                .followRedirects(false).callTimeout(Duration.ofSeconds(30)).build();
        Request request = new Request.Builder().url("http://" + ADDRESS + ":" + port + path)
                .header("User-Agent", userAgent).build();
        try {
            return client.newCall(request).execute();
        } finally {
            client.dispatcher().executorService().shutdown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(ADDRESS))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        haproxy.destroy();
        if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
            haproxy.destroyForcibly();
        }
    }
}
