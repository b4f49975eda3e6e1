package dev.chillproxy.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Behind a reverse proxy not listed in TRUSTED_PROXIES every user would silently be the proxy: say so, once. */
class UntrustedForwardingWarningTest {

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreWarnedAboutOnceNamingPeerAndSetting() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(Engine.SQLITE, Map.of())) {
            String logs = ServerFixture.capturingLogs(() -> {
                for (int i = 0; i < 3; i++) {
                    call(fixture, "X-Forwarded-For", "203.0.113.9");
                }
                call(fixture, "Forwarded", "for=203.0.113.9");
            });
            assertEquals(1, logs.lines().filter(line -> line.contains("TRUSTED_PROXIES")).count(), logs);
            assertTrue(logs.contains("from 127.0.0.1 are ignored"), logs);
            assertTrue(logs.contains("TRUSTED_PROXIES=127.0.0.1"), logs);
        }
    }

    @Test
    void aTrustedProxyAndPlainRequestsAreNotWarnedAbout() throws Exception {
        try (ServerFixture trusted = ServerFixture.start(Engine.SQLITE, Map.of("TRUSTED_PROXIES", "127.0.0.1"));
             ServerFixture plain = ServerFixture.start(Engine.SQLITE, Map.of())) {
            String logs = ServerFixture.capturingLogs(() -> {
                call(trusted, "X-Forwarded-For", "203.0.113.9");
                call(plain, "User-Agent", "Stremio/5");
            });
            assertTrue(logs.lines().noneMatch(line -> line.contains("TRUSTED_PROXIES")), logs);
        }
    }

    private static void call(ServerFixture fixture, String header, String value) throws Exception {
        try (Response response = fixture.client.newCall(new Request.Builder()
                .url(fixture.url("/stremio/torz/manifest.json")).header(header, value).build()).execute()) {
            assertEquals(200, response.code());
        }
    }
}
