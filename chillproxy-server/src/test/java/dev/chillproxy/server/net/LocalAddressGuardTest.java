package dev.chillproxy.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real OkHttp client with the guard installed, against servers on 127.0.0.1 (as an attacker's targets). */
class LocalAddressGuardTest {

    private static final String SECRET = "s3cr3tapikey";

    /** The server a user's URL must never reach (think: this machine's admin API). */
    private final MockWebServer local = new MockWebServer();
    /** A server the operator configured (think: TorBox's fake, or a Jackett on this machine). */
    private final MockWebServer operator = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        local.start(InetAddress.getByName("127.0.0.1"), 0);
        operator.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        local.close();
        operator.close();
    }

    /** Knows a few names, so no test depends on the machine's DNS; {@code localhost} is asked of the system. */
    private static Dns fakeDns(Map<String, String> names) {
        return hostname -> {
            if (hostname.equals("localhost")) {
                return Dns.SYSTEM.lookup(hostname);
            }
            String address = names.get(hostname);
            if (address == null) {
                throw new UnknownHostException(hostname);
            }
            return List.of(InetAddress.getByName(address));
        };
    }

    private static OkHttpClient guarded(Dns dns, String... operatorUrls) {
        return new LocalAddressGuard(dns, OperatorEndpoints.of(List.of(operatorUrls))).install(new OkHttpClient.Builder()).build();
    }

    private static Response get(OkHttpClient client, String url) throws IOException {
        return client.newCall(new Request.Builder().url(url).build()).execute();
    }

    private static void assertRefused(OkHttpClient client, String url) {
        IOException refused = assertThrows(IOException.class, () -> get(client, url).close(), url);
        assertFalse(String.valueOf(refused.getMessage()).contains(SECRET), "no apikey in the error: " + refused.getMessage());
    }

    @Test
    void aUsersUrlReachesThisMachineInNoSpelling() throws Exception {
        OkHttpClient client = guarded(fakeDns(Map.of("rebind.example", "127.0.0.1", "meta.example", "169.254.169.254")),
                "https://api.torbox.app/v1");
        int port = local.getPort();
        List<String> spellings = List.of("127.0.0.1", "2130706433", "127.000.000.001", "127.0.0.01", "127.1", "0x7f.1",
                "0.0.0.0", "0", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::ffff:0:127.0.0.1]", "localhost", "LocalHost",
                "rebind.example", "meta.example");
        for (String host : spellings) {
            assertRefused(client, "http://" + host + ":" + port + "/api/v1/admin/users?apikey=" + SECRET);
        }
        assertEquals(0, local.getRequestCount(), "nothing reached the server on this machine");

        // control: without the guard the same spellings do reach it, so the refusals above are the guard's
        OkHttpClient unguarded = new OkHttpClient();
        for (String host : List.of("2130706433", "127.000.000.001", "127.1", "0.0.0.0", "[::ffff:127.0.0.1]")) {
            local.enqueue(new MockResponse.Builder().body("admin").build());
            try (Response response = get(unguarded, "http://" + host + ":" + port + "/")) {
                assertEquals(200, response.code(), host);
            }
        }
    }

    @Test
    void aRedirectFromTheOperatorsHostToALocalPortIsRefused() throws Exception {
        OkHttpClient client = guarded(Dns.SYSTEM, "http://127.0.0.1:" + operator.getPort() + "/api?apikey=" + SECRET);
        for (String target : List.of("127.0.0.1", "2130706433", "localhost", "[::ffff:127.0.0.1]")) {
            operator.enqueue(new MockResponse.Builder().code(302)
                    .addHeader("Location", "http://" + target + ":" + local.getPort() + "/api/v1/admin/users").build());
            assertRefused(client, "http://127.0.0.1:" + operator.getPort() + "/dl/1.torrent?apikey=" + SECRET);
        }
        assertEquals(4, operator.getRequestCount(), "the operator's host answered each first hop");
        assertEquals(0, local.getRequestCount(), "no redirect hop reached the local port");
    }

    @Test
    void theOperatorsHostOnAnotherPortIsRefused() throws Exception {
        OkHttpClient client = guarded(Dns.SYSTEM, "http://127.0.0.1:" + operator.getPort(),
                "http://localhost:" + operator.getPort() + "/api/v2.0/indexers/all/results/torznab");
        assertRefused(client, "http://127.0.0.1:" + local.getPort() + "/");
        assertRefused(client, "http://localhost:" + local.getPort() + "/");
        assertEquals(0, local.getRequestCount());
    }

    @Test
    void theOperatorsExactHostAndPortWork() throws Exception {
        OkHttpClient client = guarded(Dns.SYSTEM, "http://127.0.0.1:" + operator.getPort() + "/v1",
                "http://localhost:" + operator.getPort());
        for (String url : List.of("http://127.0.0.1:" + operator.getPort() + "/v1/api/user/me",
                "http://localhost:" + operator.getPort() + "/api")) {
            operator.enqueue(new MockResponse.Builder().body("ok").build());
            try (Response response = get(client, url)) {
                assertEquals(200, response.code(), url);
            }
        }
    }

    @Test
    void aUsersNameOrSpellingDoesNotInheritTheOperatorsNamedExemption() throws Exception {
        // the operator named "localhost"; a user's other spelling or own name for that address:port is not exempt
        OkHttpClient client = guarded(fakeDns(Map.of("rebind.example", "127.0.0.1")), "http://localhost:" + operator.getPort());
        assertRefused(client, "http://127.0.0.1:" + operator.getPort() + "/");
        assertRefused(client, "http://rebind.example:" + operator.getPort() + "/");
        assertEquals(0, operator.getRequestCount());
    }

    @Test
    void aConfiguredProxyCannotCarryAUsersUrlPastTheCheck() throws Exception {
        // even a proxy the operator trusts would fetch the user's URL from its own side, unchecked: proxies are off
        ProxySelector viaLocalProxy = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", operator.getPort())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        };
        OkHttpClient client = new LocalAddressGuard(Dns.SYSTEM, OperatorEndpoints.of(List.of("http://127.0.0.1:" + operator.getPort())))
                .install(new OkHttpClient.Builder().proxySelector(viaLocalProxy)).build();
        assertRefused(client, "http://localhost:" + local.getPort() + "/api/v1/admin/users");
        assertEquals(0, operator.getRequestCount(), "nothing was sent through the proxy");
        assertEquals(0, local.getRequestCount());
    }

    @Test
    void namesResolvingOnlyToBlockedAddressesFailAtLookupAndLanNamesResolve() throws Exception {
        LocalAddressGuard guard = new LocalAddressGuard(fakeDns(Map.of("sneaky.example", "127.0.0.1",
                "jackett.lan", "192.168.1.20", "torbox.local", "127.0.0.1")),
                OperatorEndpoints.of(List.of("http://torbox.local:8080")));

        UnknownHostException refused = assertThrows(UnknownHostException.class, () -> guard.lookup("sneaky.example"));
        assertTrue(refused.getMessage().startsWith("refused"), refused.getMessage());
        assertEquals(List.of(InetAddress.getByName("192.168.1.20")), guard.lookup("jackett.lan"), "a LAN indexer stays reachable");
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), guard.lookup("torbox.local"),
                "an operator name keeps its answer; the port is checked at connect");
    }
}
