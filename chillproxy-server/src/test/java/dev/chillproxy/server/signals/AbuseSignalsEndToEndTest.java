package dev.chillproxy.server.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.signals.Signal;
import dev.chillproxy.chillstreams.signals.SignalKind;
import dev.chillproxy.server.fakes.ServerFixture;

/**
 * The whole server: a user sharing a config with too many devices is found, disabled at once (the cached grant too),
 * reported once to the webhook without any key, listed with evidence in the admin API, and counted in the metrics
 * without a user id; networks are counted by /24 and shown only as fingerprints.
 */
class AbuseSignalsEndToEndTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void deviceChurnDisablesTheUserAlertsOnceAndShowsTheEvidence(Engine engine) throws Exception {
        try (MockWebServer hook = new MockWebServer()) {
            hook.enqueue(new MockResponse.Builder().code(204).build());
            hook.enqueue(new MockResponse.Builder().code(204).build());
            hook.start();
            Map<String, String> env = new HashMap<>(Map.of("ABUSE_MAX_DEVICES", "2", "ABUSE_AUTO_DISABLE", "device-churn",
                    "ABUSE_WEBHOOK_URL", "http://127.0.0.1:" + hook.getPort() + "/hooks/chillproxy"));
            try (ServerFixture fixture = ServerFixture.withCatalogue(engine, env)) {
                fixture.addPoolKey(ServerFixture.KEY_ONE, 10);
                String sharer = fixture.addUser();
                String household = fixture.addUser();
                for (String device : List.of("TV/1", "Phone/1", "Laptop/1")) {
                    assertEquals(2, fixture.streams(ServerFixture.streamPath(sharer, 0), device).size());
                }
                fixture.streams(ServerFixture.streamPath(household, 0), "TV/1");
                fixture.streams(ServerFixture.streamPath(household, 1), "Phone/1");

                List<Signal> raised = fixture.server.abuse().orElseThrow().scanNow();

                assertEquals(1, raised.size(), "the household's two devices are within the threshold");
                assertEquals(sharer, raised.get(0).userId());
                assertEquals("disabled", fixture.admin("GET", "/users/" + sharer, null).get("status").asText());
                JsonNode refused = fixture.streams(ServerFixture.streamPath(sharer, 0), "TV/1");
                assertTrue(refused.toString().contains("Access disabled"), "the cached grant went with the disable: " + refused);
                assertEquals(2, fixture.streams(ServerFixture.streamPath(household, 0), "TV/1").size());

                RecordedRequest post = hook.takeRequest(5, TimeUnit.SECONDS);
                assertNotNull(post, "the webhook was called");
                assertEquals("POST", post.getMethod());
                assertEquals("/hooks/chillproxy", post.getTarget());
                String body = post.getBody().utf8();
                JsonNode alert = ServerFixture.JSON.readTree(body);
                assertEquals("device-churn", alert.get("signal").asText());
                assertEquals(sharer, alert.get("userId").asText());
                assertEquals(3, alert.get("observed").asLong());
                assertEquals(2, alert.get("threshold").asLong());
                assertTrue(alert.get("autoDisabled").asBoolean());
                assertTrue(alert.get("summary").asText().contains("3 devices"), body);
                assertNotNull(alert.get("raisedAt").asText());
                assertFalse(body.contains(ServerFixture.KEY_ONE), "no pool key in the alert");

                assertEquals(List.of(), fixture.server.abuse().orElseThrow().scanNow(), "raised once per window");
                assertEquals(1, hook.getRequestCount(), "one POST per user and signal per window");

                JsonNode items = fixture.admin("GET", "/signals", null).get("items");
                assertEquals(1, items.size());
                JsonNode signal = items.get(0);
                assertEquals("device-churn", signal.get("signal").asText());
                assertEquals(sharer, signal.get("userId").asText());
                assertTrue(signal.get("autoDisabled").asBoolean());
                assertEquals(3, signal.get("evidence").size(), "one line per device, with first and last seen");
                assertTrue(signal.get("evidence").get(0).has("last"));

                String metrics = fixture.getText("/metrics");
                assertTrue(metrics.contains("chillproxy_abuse_signals_raised_total{signal=\"device-churn\"} 1.0"), metrics);
                assertTrue(metrics.contains("chillproxy_abuse_auto_disabled_total{signal=\"device-churn\"} 1.0"), metrics);
                assertTrue(metrics.contains("chillproxy_abuse_flagged_users{signal=\"device-churn\"} 1.0"), metrics);
                assertTrue(metrics.contains("chillproxy_abuse_signals_raised_total{signal=\"networks\"} 0.0"), metrics);
                assertFalse(metrics.contains(sharer) || metrics.contains(household), "no user id in any metric");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void networksAreCountedPerSlash24AndShownOnlyAsFingerprints(Engine engine) throws Exception {
        try (ServerFixture fixture = ServerFixture.withCatalogue(engine, Map.of("ABUSE_MAX_NETWORKS", "3",
                "TRUSTED_PROXIES", "127.0.0.1", "TORBOX_MAX_DEVICES_PER_USER", "10"))) {
            fixture.addPoolKey(ServerFixture.KEY_ONE, 10);
            String user = fixture.addUser();
            for (String address : List.of("198.51.100.7", "198.51.100.99", "203.0.113.5", "2001:db8:1:2::1", "2001:db8:1:2::99")) {
                list(fixture, user, address);
            }
            assertEquals(List.of(), fixture.server.abuse().orElseThrow().scanNow(), "three networks: two /24s and one /64");

            list(fixture, user, "192.0.2.1");
            List<Signal> raised = fixture.server.abuse().orElseThrow().scanNow();

            assertEquals(1, raised.size());
            assertEquals(SignalKind.NETWORKS, raised.get(0).kind());
            assertEquals(4, raised.get(0).observed());
            assertEquals("active", fixture.admin("GET", "/users/" + user, null).get("status").asText(), "no auto-disable asked for");
            String answer = fixture.admin("GET", "/signals", null).toString();
            assertTrue(answer.contains("\"item\":\"net-"), answer);
            for (String part : List.of("198.51", "203.0", "2001:db8", "192.0")) {
                assertFalse(answer.contains(part), "no address in the evidence: " + answer);
            }
        }
    }

    /** A webhook that is down costs the alert, not the disable; its URL (which may hold a token) is not logged. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aWebhookThatIsDownDoesNotStopTheDisable(Engine engine) throws Exception {
        MockWebServer gone = new MockWebServer();
        gone.start();
        String url = "http://127.0.0.1:" + gone.getPort() + "/hook?token=s3cret-hook-token";
        gone.close();
        try (ServerFixture fixture = ServerFixture.withCatalogue(engine, Map.of("ABUSE_MAX_DEVICES", "1",
                "ABUSE_AUTO_DISABLE", "device-churn", "ABUSE_WEBHOOK_URL", url))) {
            fixture.addPoolKey(ServerFixture.KEY_ONE, 10);
            String user = fixture.addUser();
            fixture.streams(ServerFixture.streamPath(user, 0), "TV/1");
            fixture.streams(ServerFixture.streamPath(user, 0), "Phone/1");

            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream original = System.err;
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                assertEquals(1, fixture.server.abuse().orElseThrow().scanNow().size());
                // the alert goes from the webhook's own thread; its first attempt fails at once
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!captured.toString(StandardCharsets.UTF_8).contains("abuse webhook not reached")
                        && System.nanoTime() - deadline < 0) {
                    Thread.sleep(10);
                }
            } finally {
                System.setErr(original);
            }
            String logs = captured.toString(StandardCharsets.UTF_8);

            assertEquals("disabled", fixture.admin("GET", "/users/" + user, null).get("status").asText());
            assertTrue(logs.contains("abuse webhook not reached for a device-churn signal"), logs);
            assertFalse(logs.contains("s3cret-hook-token") || logs.contains(user), "neither the URL nor the user id in full: " + logs);
        }
    }

    /** Made-up user ids (anyone can write a config) leave nothing behind; the route's inputs are checked. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void unknownUsersAreNotRecordedAndBadQueriesAreRefused(Engine engine) throws Exception {
        try (ServerFixture fixture = ServerFixture.withCatalogue(engine, Map.of())) {
            fixture.addPoolKey(ServerFixture.KEY_ONE, 10);
            for (int i = 0; i < 5; i++) {
                String madeUp = java.util.UUID.randomUUID().toString();
                assertTrue(fixture.streams(ServerFixture.streamPath(madeUp, 0), "Bot/" + i).toString().contains("Unknown user"));
            }
            int rows = fixture.database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM abuse_sightings")
                    .mapTo(Integer.class).one());
            assertEquals(0, rows);

            for (String query : List.of("?limit=0", "?limit=501", "?limit=ten", "?since=yesterday")) {
                IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                        () -> fixture.admin("GET", "/signals" + query, null));
                assertTrue(refused.getMessage().contains("-> 400"), refused.getMessage());
            }
            try (Response anonymous = fixture.client.newCall(new Request.Builder().url(fixture.url("/api/v1/admin/signals"))
                    .build()).execute()) {
                assertEquals(401, anonymous.code());
            }
        }
    }

    private static void list(ServerFixture fixture, String user, String address) throws Exception {
        Request request = new Request.Builder().url(fixture.url(ServerFixture.streamPath(user, 0)))
                .header("User-Agent", "Phone/1").header("X-Forwarded-For", address).build();
        try (Response response = fixture.client.newCall(request).execute()) {
            assertEquals(200, response.code());
        }
    }
}
