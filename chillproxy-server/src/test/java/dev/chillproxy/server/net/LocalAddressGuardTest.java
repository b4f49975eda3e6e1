package dev.chillproxy.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class LocalAddressGuardTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    /** A resolver that knows a few names, so no test depends on the machine's DNS. */
    private static Dns fakeDns(Map<String, String> names) {
        return hostname -> {
            String address = names.get(hostname);
            if (address == null) {
                throw new UnknownHostException(hostname);
            }
            return List.of(ip(address));
        };
    }

    @Test
    void namesResolvingToThisMachineOrLinkLocalAreRefusedUnlessTheOperatorConfiguredThem() throws Exception {
        LocalAddressGuard guard = new LocalAddressGuard(fakeDns(Map.of(
                "sneaky.example", "127.0.0.1", "metadata.example", "169.254.169.254",
                "jackett.lan", "192.168.1.20", "torbox.local", "127.0.0.1")), Set.of("torbox.local"));

        assertThrows(UnknownHostException.class, () -> guard.lookup("sneaky.example"));
        assertThrows(UnknownHostException.class, () -> guard.lookup("metadata.example"));
        assertEquals(List.of(ip("192.168.1.20")), guard.lookup("jackett.lan"), "a LAN indexer stays reachable");
        assertEquals(List.of(ip("127.0.0.1")), guard.lookup("torbox.local"), "the operator's own host is trusted");
    }

    @Test
    void ipLiteralsAreCheckedBeforeAnyConnection() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().body("ok").build());
            server.start(0);
            LocalAddressGuard refusing = new LocalAddressGuard(Dns.SYSTEM, Set.of("operator.example"));
            OkHttpClient client = new OkHttpClient.Builder().dns(refusing).addInterceptor(refusing).build();
            IOException refused = assertThrows(IOException.class, () -> client.newCall(new Request.Builder()
                    .url("http://127.0.0.1:" + server.getPort() + "/api/v1/admin/users").build()).execute().close());
            assertTrue(refused.getMessage().startsWith("refused"), refused.getMessage());
            assertEquals(0, server.getRequestCount(), "nothing reached the local server");

            LocalAddressGuard trusting = new LocalAddressGuard(Dns.SYSTEM, Set.of("127.0.0.1"));
            OkHttpClient operator = new OkHttpClient.Builder().dns(trusting).addInterceptor(trusting).build();
            try (Response response = operator.newCall(new Request.Builder()
                    .url("http://127.0.0.1:" + server.getPort() + "/ok").build()).execute()) {
                assertEquals(200, response.code(), "an operator-configured local host works (tests' fakes)");
            }
        }
    }

    @Test
    void ipv6LoopbackAndLinkLocalCountAsLocal() throws Exception {
        assertTrue(LocalAddressGuard.isLocal(ip("::1")));
        assertTrue(LocalAddressGuard.isLocal(ip("fe80::1")));
        assertTrue(LocalAddressGuard.isLocal(ip("0.0.0.0")));
    }
}
