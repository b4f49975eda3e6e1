package dev.chillproxy.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.server.fakes.TorBoxUserMeProbe;
import dev.chillproxy.server.web.ErrorResponses;
import dev.chillproxy.server.web.BearerGuard;
import dev.chillproxy.server.limits.IpLimit;
import dev.chillproxy.server.RouteTable;
import dev.chillproxy.core.client.TrustedProxies;
import dev.chillproxy.server.stremio.ConfigureRoutes;
import dev.chillproxy.server.stremio.ManifestRoutes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chillproxy.chillstreams.cluster.InstanceRegistry;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.server.pool.AdminRoutes;

/**
 * Drives the admin page in headless Chromium against the real admin API, an embedded pool on SQLite and a fake
 * TorBox, the way an operator would: sign in, add keys, create and disable a user, revoke a device, read usage,
 * make an install link. Screenshots of each section go to {@code target/admin-screenshots/}.
 */
class AdminBrowserTest {

    private static final String ADMIN_KEY = "admin-key-for-the-browser-test-0123456789";
    private static final String GOOD_KEY = "0f1e2d3c-4b5a-6978-8899-aabbccdd0a1b";
    private static final String BAD_KEY = "deadbeef-0000-4000-8000-000000000bad";
    private static final Path SHOTS = Path.of("target", "admin-screenshots");
    private static final int DESKTOP = 1280;
    private static final int PHONE = 375;
    /** The public base URL, deliberately not the origin the browser uses (a proxy or LAN address in real life). */
    private static final String PUBLIC_BASE = "https://chill.example.com";

    /** Finds fields by their label text and buttons by their accessible name, inside the visible section. */
    private static final String HELPERS = """
            window.t = {
              scope() { return document.querySelector('dialog[open]') || document.querySelector('[role=tabpanel]:not([hidden])') || document.body; },
              input(label) {
                const l = [...this.scope().querySelectorAll('label')].find(l => l.textContent.trim() === label);
                if (!l) throw new Error('no field labelled ' + label);
                return document.getElementById(l.htmlFor);
              },
              fill(label, value) { const i = this.input(label); i.value = value; i.dispatchEvent(new Event('input', {bubbles: true})); },
              button(name) {
                const b = [...this.scope().querySelectorAll('button, a.button')]
                  .find(b => (b.getAttribute('aria-label') || b.textContent).trim() === name);
                if (!b) throw new Error('no button named ' + name);
                return b;
              },
              click(name) { this.button(name).click(); },
              text() { return this.scope().innerText; },
              row(caption) {
                const c = [...this.scope().querySelectorAll('caption')].find(c => c.textContent === caption);
                return c ? c.closest('table').tBodies[0].rows[0].innerText : '';
              },
              rows(caption) {
                const c = [...this.scope().querySelectorAll('caption')].find(c => c.textContent === caption);
                return c ? c.closest('table').tBodies[0].rows.length : 0;
              },
            };
            true
            """;

    private final ObjectMapper mapper = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient();
    private MockWebServer torbox;
    private TestDatabase database;
    private EmbeddedPool pool;
    private PoolAdmin admin;
    private Javalin app;
    private HeadlessChromium chrome;
    private String base;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        torbox = new MockWebServer();
        torbox.setDispatcher(new FakeTorBox());
        torbox.start();
        database = TestDatabase.sqlite();
        database.database().migrate("pool");
        PoolKeyCipher cipher = PoolKeyCipher.of(PoolKeyCipher.generateKey());
        pool = new EmbeddedPool(database.database(), cipher, Clock.systemUTC(), 3);
        admin = new PoolAdmin(database.database(), cipher, Clock.systemUTC(), new TorBoxUserMeProbe(http, torbox.url("/")));
        AdminPage page = new AdminPage();
        database.database().migrate(InstanceRegistry.MIGRATIONS);
        InstanceRegistry older = new InstanceRegistry(database.database(),
                Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-20)), "0.9.0", () -> true);
        InstanceRegistry self = new InstanceRegistry(database.database(), Clock.systemUTC(), "test", () -> false);
        older.beat();
        self.beat();
        AdminRoutes routes = new AdminRoutes(admin, mapper, self, () -> { });
        app = Javalin.create(config -> {
            RouteTable.adminPage(config.routes, page, IpLimit.none());
            RouteTable.stremioPages(config.routes, new ManifestRoutes("1.2.3", TrustedProxies.none(), false),
                    new ConfigureRoutes(URI.create(PUBLIC_BASE)), IpLimit.none());
            RouteTable.adminApi(config.routes, routes, new BearerGuard(ApiKey.of(ADMIN_KEY), "ADMIN_API_KEY"), IpLimit.none());
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
        database.close();
        torbox.close();
    }

    @Test
    void operatorRunsThePoolFromThePage() throws IOException {
        signIn();
        String keyId = addKeys();
        planRotation();
        String userId = createUser();
        manageUser(userId, keyId);
        readUsage(userId);
        makeInstallLink(userId);

        String html = chrome.evaluate("document.documentElement.outerHTML + JSON.stringify(sessionStorage) + location.href").asText();
        assertFalse(html.contains(GOOD_KEY), "the pool key itself never reaches the page");
        assertEquals(List.of(), chrome.pageErrors(), "no script errors and no CSP violations");
    }

    private void signIn() throws IOException {
        chrome.navigate(base + "/admin");
        chrome.evaluate(HELPERS);
        chrome.waitFor("the sign-in form", "document.activeElement && document.activeElement.type === 'password'");
        assertEquals("none", chrome.evaluate("getComputedStyle(document.getElementById('sign-out')).display").asText(),
                "no Sign out button before signing in");
        chrome.screenshot(SHOTS.resolve("sign-in.png"), DESKTOP);
        chrome.viewport(DESKTOP, 900);
        chrome.type("not-the-admin-key-0123456789abcdef", true);
        chrome.waitFor("a refused sign-in", "t.text().includes('That admin key was not accepted.')");

        chrome.evaluate("t.input('Admin API key').value = ''; t.input('Admin API key').focus(); true");
        chrome.type(ADMIN_KEY, true);
        chrome.waitFor("the dashboard", "document.getElementById('tab-keys')");
        assertFalse(chrome.evaluate("getComputedStyle(document.getElementById('sign-out')).display").asText().equals("none"),
                "Sign out shows once signed in");
        assertEquals(ADMIN_KEY, chrome.evaluate("sessionStorage.getItem('chillproxy.adminKey')").asText());
        assertFalse(chrome.evaluate("location.href").asText().contains(ADMIN_KEY), "the admin key is never in the URL");
    }

    private String addKeys() throws IOException {
        chrome.evaluate("t.fill('API key', '" + BAD_KEY + "'); t.fill('Label', 'Borrowed'); t.click('Add key'); true");
        chrome.waitFor("the store's refusal", "t.text().includes('Not added: apiKey: the service refused this key')");
        assertTrue(admin.listPoolKeys().isEmpty(), "a refused key is not saved");

        chrome.evaluate("t.fill('API key', '" + GOOD_KEY + "'); t.fill('Label', 'Household'); t.fill('Max users', '5');"
                + " t.click('Add key'); true");
        chrome.waitFor("the added key in the list", "t.rows('Pool keys') === 1");
        String row = chrome.evaluate("t.row('Pool keys')").asText();
        assertTrue(row.contains("Household") && row.contains(ApiKey.of(GOOD_KEY).masked()) && row.contains("healthy")
                && row.contains("0 / 5"), row);
        assertEquals("–", chrome.evaluate("t.scope().querySelector('td[data-label=\"Served from cache 24 h\"]').innerText").asText(),
                "no requests yet: no cached share (not 0 %)");

        String capacity = chrome.evaluate("t.row('Capacity per service')").asText();
        assertTrue(capacity.startsWith("TorBox") && capacity.contains("0 / 5"), capacity);
        chrome.evaluate("t.input('Show').value = 'realdebrid'; t.input('Show').dispatchEvent(new Event('change')); true");
        chrome.waitFor("no Real-Debrid keys", "t.rows('Pool keys') === 0 && t.row('Capacity per service').startsWith('Real-Debrid')");
        chrome.evaluate("t.input('Show').value = ''; t.input('Show').dispatchEvent(new Event('change')); true");
        chrome.waitFor("the key again", "t.rows('Pool keys') === 1");

        chrome.evaluate("t.click('Health history of Household'); true");
        chrome.waitFor("the health history", "t.rows('Health changes, newest first') === 1");
        assertTrue(chrome.evaluate("t.text()").asText().contains("added"));
        chrome.screenshot(SHOTS.resolve("keys.png"), DESKTOP);
        chrome.screenshot(SHOTS.resolve("keys-phone.png"), PHONE);
        chrome.viewport(DESKTOP, 900);
        return admin.listPoolKeys().get(0).id();
    }

    private void planRotation() throws IOException {
        chrome.evaluate("document.getElementById('tab-rotation').click(); true");
        chrome.waitFor("the rotation form", "t.text().includes('No key is scheduled to retire.') && t.input('Key').options.length === 1");
        chrome.evaluate("t.fill('Retire at', '2031-01-01T12:00'); t.click('Schedule'); true");
        chrome.waitFor("the plan", "t.rows('Rotation plan') === 1");
        assertTrue(chrome.evaluate("t.row('Rotation plan')").asText().contains("add a healthy key of this service"),
                "no successor yet");
        assertTrue(admin.listPoolKeys().get(0).retireAt() != null);
        chrome.screenshot(SHOTS.resolve("rotation.png"), DESKTOP);
        chrome.evaluate("t.click('Cancel retirement'); true");
        chrome.waitFor("the retirement cancelled", "t.rows('Rotation plan') === 0 && t.text().includes('is no longer retiring')");
        assertEquals(null, admin.listPoolKeys().get(0).retireAt());
    }

    private String createUser() throws IOException {
        chrome.evaluate("document.getElementById('tab-users').click(); true");
        chrome.waitFor("the empty user list", "t.text().includes('No users yet')");
        assertFalse(chrome.evaluate("t.text()").asText().contains("No user matches"));
        chrome.evaluate("t.fill('Email (optional)', 'alice@example.com'); t.click('Create user'); true");
        chrome.waitFor("the new user", "t.text().includes('Created user')");
        chrome.waitFor("the new user in the list without searching again", "t.rows('Users') === 1");
        String userId = admin.findUsers("alice", 10).get(0).id();
        assertTrue(chrome.evaluate("t.text()").asText().contains(userId));
        return userId;
    }

    private void manageUser(String userId, String keyId) throws IOException {
        String tv = device("tv");
        String phone = device("phone");
        assertInstanceOf(Grant.Allowed.class, pool.getKey(new GetKeyRequest(userId, tv, "stream-list", "")));
        assertInstanceOf(Grant.Allowed.class, pool.getKey(new GetKeyRequest(userId, phone, "stream-list", "")));
        assertInstanceOf(Grant.Allowed.class, pool.getKey(new GetKeyRequest(userId, phone, "stream-served", "")));
        pool.persistCounts(); // a known device's requests are written in the background, once a minute

        chrome.evaluate("t.fill('User id or email', 'alice'); t.click('Search'); true");
        chrome.waitFor("the search result", "t.rows('Users') === 1");
        chrome.evaluate("t.click('alice@example.com'); true");
        chrome.waitFor("both devices", "t.rows('Devices') === 2");
        String details = chrome.evaluate("t.text()").asText();
        assertTrue(details.contains("Household (" + ApiKey.of(GOOD_KEY).masked()), "assignment shown: " + details);

        chrome.evaluate("t.click('Revoke device " + tv.substring(0, 8) + "…" + tv.substring(58) + "'); true");
        chrome.waitFor("the confirmation", "document.querySelector('dialog[open]')");
        chrome.evaluate("t.click('Revoke device'); true");
        chrome.waitFor("the revoked device gone", "t.text().includes('Device revoked.') && t.rows('Devices') === 1");
        assertEquals(List.of(phone), admin.getUser(userId).devices().stream().map(d -> d.deviceId()).toList());
        assertEquals("2", chrome.evaluate("t.scope().querySelector('td[data-label=Requests]').innerText").asText(),
                "the phone's request count is shown");

        chrome.evaluate("t.click('Disable user'); true");
        chrome.waitFor("the disabled user", "t.text().includes('User disabled.') && t.button('Enable user')");
        assertEquals("disabled", chrome.evaluate("t.scope().querySelector('.user-status').innerText").asText());
        chrome.waitFor("the list showing the new status", "t.scope().querySelector('.list td[data-label=Status]').innerText === 'disabled'");
        assertInstanceOf(Grant.Denied.class, pool.getKey(new GetKeyRequest(userId, phone, "stream-list", "")),
                "disabling takes effect on the next request");
        chrome.screenshot(SHOTS.resolve("users.png"), DESKTOP);
        logUsage(userId, keyId);
    }

    /** 30 served events over the last day (every third one cached) and one denial. */
    private void logUsage(String userId, String keyId) {
        Instant now = Instant.now();
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(new UsageEvent("e" + i, userId, keyId, i % 2 == 0 ? "stream-served" : "stream-list",
                    "c12a7e3e6b0f1a2b3c4d5e6f708192a3b4c5d6e" + (i % 10), i % 3 == 0, i % 2 == 0 ? 1_500_000_000L : 0,
                    now.minus(Duration.ofMinutes(40L * i + 1))));
        }
        events.add(new UsageEvent("denied", userId, "", "denied", "", false, 0, now.minus(Duration.ofMinutes(5))));
        pool.logUsage(events);
    }

    private void readUsage(String userId) throws IOException {
        // the analytics fields another branch adds (reason, email, playback ratio), faked into the answers here
        chrome.evaluate("""
                const realFetch = window.fetch;
                window.fetch = async (url, options) => {
                  const response = await realFetch(url, options);
                  const path = new URL(url, location.href).pathname;
                  if (!path.endsWith('/stats') && !path.endsWith('/usage')) return response;
                  const body = await response.json();
                  (body.users || []).forEach(u => { u.email = 'alice@example.com'; });
                  (body.items || []).forEach(e => { if (e.action === 'denied') e.reason = 'device_limit'; });
                  return new Response(JSON.stringify(body), { status: response.status, headers: { 'Content-Type': 'application/json' } });
                };
                true""");
        chrome.evaluate("document.getElementById('tab-usage').click(); true");
        chrome.waitFor("the charts", "t.scope().querySelectorAll('svg.chart').length === 3 && t.rows('Usage events, newest first') === 25");
        String requests = chrome.evaluate("t.scope().querySelector('svg.chart-bar').getAttribute('aria-label')").asText();
        assertTrue(requests.startsWith("Requests (all keys): 30 in total"), requests);
        String ratio = chrome.evaluate("t.scope().querySelectorAll('svg.chart')[1].getAttribute('aria-label')").asText();
        assertTrue(ratio.startsWith("Served from cache (all keys, share of playbacks served from cache)"), ratio);
        assertTrue(chrome.evaluate("t.button('Show usage of user alice@example.com').innerText === 'alice@example.com'").asBoolean(),
                "top users show the email");
        assertTrue(chrome.evaluate("t.text()").asText().contains("denied: device limit"), "a denial shows its reason");
        long lag = chrome.evaluate("Date.now() - new Date([...t.scope().querySelectorAll('svg.chart-bar text.tick')].pop()"
                + ".textContent.replace(' ', 'T')).getTime()").asLong();
        assertTrue(lag >= 0 && lag < 120_000, "the right-hand time label is now, not an hour ago: " + lag + " ms");
        assertEquals(1, chrome.evaluate("t.rows('Users with the most requests in the period')").asInt());
        assertEquals("Export CSV (31 events)", chrome.evaluate("t.scope().querySelector('a[download]').textContent").asText());

        chrome.evaluate("t.click('Older'); true");
        chrome.waitFor("the second page of events", "t.text().includes('Page 2') && t.rows('Usage events, newest first') === 6");
        String csv = chrome.evaluate("import('/admin/usage.js').then(m => m.toCsv([{eventId: 'x', userId: '=HYPERLINK(1)',"
                + " action: 'a,\"b\"', cached: true, bytes: 3}]))").asText();
        assertEquals("eventId,at,userId,poolKeyId,action,reason,hash,cached,bytes\r\nx,,'=HYPERLINK(1),,\"a,\"\"b\"\"\",,,true,3\r\n", csv);
        chrome.screenshot(SHOTS.resolve("usage.png"), DESKTOP);
        chrome.screenshot(SHOTS.resolve("usage-phone.png"), PHONE);
        chrome.viewport(DESKTOP, 900);

        chrome.evaluate("t.fill('User id', '00000000-0000-4000-8000-000000000000'); t.click('Show'); true");
        chrome.waitFor("empty charts", "t.scope().querySelectorAll('svg.chart .empty-note').length === 3");
        String ticks = chrome.evaluate("[...t.scope().querySelectorAll('svg.chart text.tick')].map(x => x.textContent).join('|')").asText();
        assertFalse(ticks.contains("1 B") || ticks.contains("|1|") || ticks.contains("100 %"), "no value scale on empty charts: " + ticks);
        chrome.screenshot(SHOTS.resolve("usage-empty.png"), DESKTOP);
        chrome.viewport(DESKTOP, 900);

        chrome.evaluate("document.getElementById('tab-instances').click(); true");
        chrome.waitFor("both instances", "t.rows('Instances, oldest start first') === 2");
        chrome.waitFor("the warnings", "t.text().includes('runs version 0.9.0') && t.text().includes('without shared limits')");
        chrome.screenshot(SHOTS.resolve("instances.png"), DESKTOP);
    }

    private void makeInstallLink(String userId) throws IOException {
        chrome.evaluate("document.getElementById('tab-users').click(); true");
        chrome.evaluate("t.fill('User id or email', '" + userId + "'); t.click('Search'); true");
        chrome.waitFor("the user", "t.rows('Users') === 1");
        chrome.evaluate("t.click('alice@example.com'); true");
        chrome.waitFor("the user details", "t.text().includes('Assigned key')");
        chrome.evaluate("t.click('Install link'); true");
        chrome.waitFor("the install links", "document.getElementById('panel-install').querySelector('input[readonly]')");

        String cfg = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"stores\":[{\"c\":\"tb\",\"auth\":\"" + userId + "\"}]}").getBytes(StandardCharsets.UTF_8));
        String manifest = PUBLIC_BASE + "/stremio/torz/" + cfg + "/manifest.json";
        assertEquals(manifest, chrome.evaluate("t.input('Addon manifest URL').value").asText());
        assertEquals(manifest.replace("https://", "stremio://"), chrome.evaluate("t.input('Stremio link').value").asText());
        assertEquals(manifest.replace("https://", "stremio://"), chrome.evaluate("t.button('Open in Stremio').href").asText());
        assertTrue(chrome.evaluate("t.text()").asText().contains("This user is disabled"));
        chrome.screenshot(SHOTS.resolve("install.png"), DESKTOP);
    }

    /** A device id as the server makes them: 64 hex characters. */
    private static String device(String name) {
        return (name + "0123456789abcdef".repeat(4)).substring(0, 64).replaceAll("[^0-9a-f]", "f");
    }

    /** TorBox {@code GET /v1/api/user/me}: one known key, everything else refused with the error envelope. */
    private static final class FakeTorBox extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (!request.getUrl().encodedPath().equals("/v1/api/user/me")) {
                return new MockResponse.Builder().code(404).build();
            }
            if (("Bearer " + GOOD_KEY).equals(request.getHeaders().get("Authorization"))) {
                return json(200, """
                        {"success":true,"error":null,"detail":"User data retrieved successfully.",
                         "data":{"id":123456,"auth_id":"0f1e2d3c-4b5a-6978-8899-aabbccddeeff","created_at":"2024-10-21T20:47:03Z",
                          "email":"owner@example.com","plan":2,"is_subscribed":true,"premium_expires_at":"2099-12-01T00:00:00Z",
                          "cooldown_until":null}}""");
            }
            return json(401, "{\"success\":false,\"error\":\"BAD_TOKEN\",\"detail\":\"The provided token is invalid.\",\"data\":null}");
        }

        private static MockResponse json(int code, String body) {
            return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
        }
    }
}
