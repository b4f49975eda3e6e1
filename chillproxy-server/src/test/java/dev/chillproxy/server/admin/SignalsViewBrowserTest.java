package dev.chillproxy.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import dev.chillproxy.chillstreams.cluster.InstanceRegistry;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.signals.Evidence;
import dev.chillproxy.chillstreams.signals.Signal;
import dev.chillproxy.chillstreams.signals.SignalKind;
import dev.chillproxy.chillstreams.signals.SignalLog;
import dev.chillproxy.chillstreams.signals.SignalThresholds;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.server.RouteTable;
import dev.chillproxy.server.limits.IpLimit;
import dev.chillproxy.server.pool.AdminRoutes;
import dev.chillproxy.server.signals.SignalRoutes;
import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.web.ErrorResponses;

/** The Signals tab in headless Chromium: the thresholds, each signal with its evidence, and a way to the user. */
class SignalsViewBrowserTest {

    private static final String ADMIN_KEY = "admin-key-for-the-signals-test-0123456789";
    private static final SignalThresholds THRESHOLDS = new SignalThresholds(Duration.ofHours(24), 12, 8, 3,
            Duration.ofHours(2), 200_000_000_000L, 60);

    @Test
    void anOperatorReadsASignalsEvidenceAndOpensTheUser() throws Exception {
        OkHttpClient http = new OkHttpClient();
        try (TestDatabase database = TestDatabase.sqlite()) {
            database.database().migrate("pool");
            database.database().migrate("signals");
            PoolAdmin admin = new PoolAdmin(database.database(), PoolKeyCipher.of(PoolKeyCipher.generateKey()), Clock.systemUTC(), null);
            String user = admin.createUser(null, "sharer@example.com").id();
            admin.setUserStatus(user, "disabled");
            SignalLog log = new SignalLog(database.database(), new ObjectMapper());
            Instant now = Instant.now();
            log.raise(new Signal(user, SignalKind.DEVICE_CHURN, 14, 12, now, List.of(
                    new Evidence("a1b2c3d4e5f60718293a4b5c6d7e8f90", "", 0, now.minusSeconds(7200), now.minusSeconds(60))), true),
                    now.minus(Duration.ofDays(1)));
            log.markAutoDisabled(user, SignalKind.DEVICE_CHURN);
            log.raise(new Signal(user, SignalKind.BYTES, 250_000_000_000L, THRESHOLDS.maxBytes(), now, List.of(
                    new Evidence("c0ffee0000000000000000000000000000000001", "", 64_000_000_000L, now, now)), false),
                    now.minus(Duration.ofDays(1)));
            Javalin app = Javalin.create(config -> {
                RouteTable.adminPage(config.routes, new AdminPage(), IpLimit.none());
                BearerGuard guard = new BearerGuard(ApiKey.of(ADMIN_KEY), "ADMIN_API_KEY");
                RouteTable.adminApi(config.routes, new AdminRoutes(admin, new ObjectMapper(),
                        new InstanceRegistry(database.database(), Clock.systemUTC(), "test", () -> false), () -> { }), guard, IpLimit.none());
                RouteTable.signalsApi(config.routes, new SignalRoutes(log, THRESHOLDS, Set.of(SignalKind.DEVICE_CHURN),
                        Clock.systemUTC()), guard, IpLimit.none());
                new ErrorResponses().register(config.routes);
            }).start("127.0.0.1", 0);
            try (HeadlessChromium chrome = HeadlessChromium.start(http)) {
                chrome.navigate("http://127.0.0.1:" + app.port() + "/admin");
                chrome.waitFor("the sign-in form", "document.activeElement && document.activeElement.type === 'password'");
                chrome.type(ADMIN_KEY, true);
                chrome.waitFor("the dashboard", "document.getElementById('tab-signals')");
                chrome.evaluate("document.getElementById('tab-signals').click(); true");
                String panel = "document.getElementById('panel-signals').innerText";
                chrome.waitFor("the signals", panel + ".includes('disabled automatically')");

                String text = chrome.evaluate(panel).asText();
                assertTrue(text.contains("device churn") && text.contains("14 (threshold 12)"), text);
                assertTrue(text.contains("above 12 within 24 h; disables the user"), text);
                assertTrue(text.contains("250 GB (threshold 200 GB)"), "bytes read as sizes: " + text);
                chrome.evaluate("document.querySelectorAll('#panel-signals details').forEach(d => d.open = true); true");
                String opened = chrome.evaluate(panel).asText();
                assertTrue(opened.contains("a1b2c3d4…8f90") || opened.contains("a1b2c3d4…7e8f90"), opened);
                assertTrue(opened.contains("64 GB") && opened.contains("250.0 GB of files started within 24 h"), opened);
                chrome.screenshot(Path.of("target", "admin-screenshots", "signals.png"), 1280);
                chrome.screenshot(Path.of("target", "admin-screenshots", "signals-phone.png"), 375);

                chrome.evaluate("[...document.querySelectorAll('#panel-signals button.link')][0].click(); true");
                chrome.waitFor("the user's page", "document.getElementById('panel-users').innerText.includes('sharer@example.com')");
                assertEquals(List.of(), chrome.pageErrors(), "no script errors and no CSP violations");
            } finally {
                app.stop();
            }
        }
    }
}
