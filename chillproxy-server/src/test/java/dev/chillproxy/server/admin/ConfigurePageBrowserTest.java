package dev.chillproxy.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import dev.chillproxy.core.client.TrustedProxies;
import dev.chillproxy.server.RouteTable;
import dev.chillproxy.server.limits.IpLimit;
import dev.chillproxy.server.stremio.ConfigureRoutes;
import dev.chillproxy.server.stremio.ManifestRoutes;
import dev.chillproxy.server.web.ErrorResponses;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configure page in headless Chromium, opened on another origin than the public base URL (as on a LAN address
 * or behind a proxy), the way a Stremio user fills it in. Lives next to the browser driver; screenshots go to
 * {@code target/admin-screenshots/}.
 */
class ConfigurePageBrowserTest {

    private static final String PUBLIC_BASE = "https://chill.example.com";
    private static final String USER = "123e4567-e89b-42d3-a456-426614174000";
    private static final Path SHOTS = Path.of("target", "admin-screenshots");

    private final OkHttpClient http = new OkHttpClient();
    private Javalin app;
    private HeadlessChromium chrome;
    private String base;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        app = Javalin.create(config -> {
            RouteTable.stremioPages(config.routes, new ManifestRoutes("1.2.3", TrustedProxies.none(), false),
                    new ConfigureRoutes(URI.create(PUBLIC_BASE)), IpLimit.none());
            new ErrorResponses().register(config.routes);
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        chrome = HeadlessChromium.start(http);
    }

    @AfterEach
    void stop() throws IOException {
        if (chrome != null) {
            chrome.close();
        }
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void installLinksOnAnotherOriginShowNoError() throws IOException {
        chrome.navigate(base + "/stremio/torz/configure");
        chrome.evaluate("document.getElementById('credential').value = '" + USER + "';"
                + " document.querySelector('button[type=submit]').click(); true");
        chrome.waitFor("the install links", "!document.getElementById('install').hidden");
        assertEquals("", problems(), "no error above a working install link");
        assertTrue(chrome.evaluate("document.getElementById('manifest-url').textContent").asText()
                .startsWith(PUBLIC_BASE + "/stremio/torz/"));
        assertTrue(chrome.evaluate("location.href").asText().startsWith(base), "the address stays on this origin");
        chrome.screenshot(SHOTS.resolve("configure-installed.png"), 1000);
        assertEquals(List.of(), chrome.pageErrors());
    }

    @Test
    void problemsAreSaidInWords() throws IOException {
        chrome.navigate(base + "/stremio/torz/configure");
        chrome.evaluate("document.querySelector('button[type=submit]').click(); true");
        chrome.waitFor("a problem", "document.getElementById('problems').innerText !== ''");
        String shown = problems();
        assertTrue(shown.startsWith("Enter your user ID"), shown);
        assertFalse(shown.contains("stores[0]"), shown);

        chrome.evaluate("document.getElementById('credential').value = 'alice'; document.getElementById('sort').value = 'newest';"
                + " document.querySelector('button[type=submit]').click(); true");
        chrome.waitFor("the new problems", "document.getElementById('problems').innerText.includes('not in the right form')");
        assertTrue(problems().contains("Sort: \"newest\" is not a sort field"), problems());
        chrome.screenshot(SHOTS.resolve("configure-problems.png"), 1000);
        assertEquals(List.of(), chrome.pageErrors());
    }

    @Test
    void aBadLinkKeepsItsValueAndSaysWhatIsWrong() throws IOException {
        String cfg = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"stores\":[{\"c\":\"tb\",\"auth\":\"alice\"}],\"sort\":\"-size\"}".getBytes(StandardCharsets.UTF_8));
        chrome.navigate(base + "/stremio/torz/" + cfg + "/configure");
        assertEquals("alice", chrome.evaluate("document.getElementById('credential').value").asText(), "the bad value is kept");
        assertEquals("-size", chrome.evaluate("document.getElementById('sort').value").asText());
        assertTrue(problems().startsWith("The user ID is not in the right form"), problems());
        chrome.screenshot(SHOTS.resolve("configure-bad-link.png"), 1000);
        assertEquals(List.of(), chrome.pageErrors());
    }

    private String problems() {
        return chrome.evaluate("document.getElementById('problems').innerText").asText().trim();
    }
}
