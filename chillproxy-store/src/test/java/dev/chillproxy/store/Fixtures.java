package dev.chillproxy.store;

import dev.chillproxy.core.store.StoreName;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.store.http.HttpSettings;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.http.RetryPolicy;
import dev.chillproxy.store.http.UpstreamHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/** Shared test plumbing: one OkHttpClient, fast retries, JSON responses. */
public final class Fixtures {

    public static final OkHttpClient CLIENT = new OkHttpClient();
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofSeconds(1));

    private Fixtures() {
    }

    public static UpstreamHttp http(StoreName store) {
        return http(store, FAST_RETRY, Duration.ofSeconds(5));
    }

    public static UpstreamHttp http(StoreName store, RetryPolicy retry, Duration readTimeout) {
        return http(store, retry, readTimeout, ResilienceSettings.defaults());
    }

    public static UpstreamHttp http(StoreName store, RetryPolicy retry, Duration readTimeout,
                                    ResilienceSettings resilience) {
        HttpSettings settings = new HttpSettings("chillproxy/test", Duration.ofSeconds(2), readTimeout, retry);
        return new UpstreamHttp(CLIENT, JSON, store, settings, resilience);
    }

    /**
     * A fake server whose accepted sockets send at once: MockWebServer writes headers and body separately, and
     * with Nagle's algorithm each response then waits ~40 ms for the client's delayed ACK.
     */
    public static MockWebServer server() {
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new NoDelayServerSocket();
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return bound(new InetSocketAddress(port), 50);
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                return bound(new InetSocketAddress(port), backlog);
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                return bound(new InetSocketAddress(address, port), backlog);
            }

            private ServerSocket bound(InetSocketAddress address, int backlog) throws IOException {
                ServerSocket socket = new NoDelayServerSocket();
                socket.bind(address, backlog);
                return socket;
            }
        });
        return server;
    }

    private static final class NoDelayServerSocket extends ServerSocket {

        NoDelayServerSocket() throws IOException {
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse json(String body) {
        return json(200, body);
    }

    public static MockResponse text(int code, String contentType, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
    }

    /** Runs {@code body} and answers what it logged (the test logger writes to stderr). */
    public static String stderrOf(Runnable body) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String form(mockwebserver3.RecordedRequest request) {
        return java.net.URLDecoder.decode(request.getBody().utf8(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
