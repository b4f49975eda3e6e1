package dev.chillproxy.server.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.FakeTorBox;
import dev.chillproxy.server.fakes.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TorBox answering errors or too late: stream lists still come as a 200 with something to show, the server gives
 * up after a bounded number of attempts, playback lands on an error video, and a key TorBox revoked is replaced.
 */
class TorBoxFaultsTest {

    /** One call and at most two retries (the store's retry policy). */
    private static final int MAX_ATTEMPTS = 3;

    private ServerFixture fixture;
    private String user;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(Map<String, String> env) throws Exception {
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, env);
        fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
        fixture.addPoolKey(ServerFixture.KEY_TWO, 5);
        user = fixture.addUser();
    }

    /** Five failures in a row open TorBox's breaker; the metric names the service so an alert can say which. */
    @Test
    void aTorBoxFailingOverAndOverOpensItsBreakerAndTheMetricNamesIt() throws Exception {
        start(Map.of("RATE_LIMIT_USER_RPS", "1000", "RATE_LIMIT_IP_RPS", "1000"));
        String open = "chillproxy_upstream_circuit_open{service=\"torbox\"} 1.0";
        assertTrue(fixture.getText("/metrics").contains("chillproxy_upstream_circuit_open{service=\"torbox\"} 0.0"));
        fixture.torBox.fault("checkcached", new FakeTorBox.Fault(500, 0, null));

        for (int movie = 0; movie < 6 && !fixture.getText("/metrics").contains(open); movie++) {
            fixture.streams(ServerFixture.streamPath(user, movie), "Player/1");
        }

        assertTrue(fixture.getText("/metrics").contains(open), "the breaker opened and the metric says so");
        assertTrue(fixture.getText("/metrics").contains("chillproxy_upstream_circuit_open{service=\"realdebrid\"} 0.0"));
    }

    @ParameterizedTest(name = "HTTP {0}, Retry-After {1}")
    @CsvSource(nullValues = "none", value = {"500, none", "503, none", "429, 1"})
    void anErroringTorBoxGivesAnInfoStreamAfterBoundedRetriesAndIsUsedAgainOnceHealed(int status, String retryAfter)
            throws Exception {
        start(Map.of());
        fixture.torBox.fault("checkcached", new FakeTorBox.Fault(status, 0, retryAfter));

        JsonNode streams = fixture.streams(ServerFixture.streamPath(user, 0), "Player/1");
        assertEquals(1, streams.size(), streams.toString());
        assertTrue(streams.get(0).get("name").asText().contains("Store unavailable"), streams.toString());
        int attempts = fixture.torBox.requests("checkcached");
        assertTrue(attempts >= 1 && attempts <= MAX_ATTEMPTS, attempts + " checkcached requests for one list");

        fixture.torBox.fault("createtorrent", new FakeTorBox.Fault(status, 0, retryAfter));
        String location = fixture.play(ServerFixture.playbackPath(user, 0), "Player/1");
        assertTrue(location.matches(ServerFixture.BASE + "/v0/store/_/static/[a-z0-9_]+\\.mp4"), location);
        int adds = fixture.torBox.requests("createtorrent");
        assertTrue(adds >= 1 && adds <= MAX_ATTEMPTS, adds + " createtorrent requests for one playback");

        fixture.torBox.heal();
        assertEquals(2, fixture.streams(ServerFixture.streamPath(user, 0), "Player/1").size(),
                "the failure was not remembered as 'nothing cached'");
        assertTrue(fixture.play(ServerFixture.playbackPath(user, 0), "Player/1").startsWith("http://cdn.tb.invalid/"));
    }

    @Test
    void aThrottledKeyRestsAndTheUserMovesToTheOtherKey() throws Exception {
        start(Map.of());
        fixture.torBox.fault("checkcached", new FakeTorBox.Fault(429, 0, null));
        JsonNode refused = fixture.streams(ServerFixture.streamPath(user, 0), "Player/1");
        assertTrue(refused.get(0).get("name").asText().contains("Store unavailable"), refused.toString());
        assertTrue(fixture.torBox.requests("checkcached") <= MAX_ATTEMPTS);
        String throttled = fixture.torBox.keysUsedFor("checkcached").get(0);

        fixture.torBox.heal();
        fixture.torBox.resetCounts();
        assertEquals(2, fixture.streams(ServerFixture.streamPath(user, 0), "Player/1").size());
        List<String> used = fixture.torBox.keysUsedFor("checkcached");
        assertEquals(1, used.size());
        assertNotEquals(throttled, used.get(0), "the throttled key rests (no Retry-After: a minute)");
    }

    @Test
    void aTorBoxAnsweringTooLateIsCutAtTheDeadline() throws Exception {
        start(Map.of("STREAM_DEADLINE_MS", "1000"));
        fixture.torBox.fault("checkcached", new FakeTorBox.Fault(0, 6_000, null));

        long started = System.nanoTime();
        JsonNode streams = fixture.streams(ServerFixture.streamPath(user, 0), "Player/1");
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertFalse(streams.isEmpty());
        // generous bound: the deadline is 1 s, TorBox answers after 6 s
        assertTrue(tookMs < 4_000, "answered after " + tookMs + " ms: " + streams);
    }

    @Test
    void aPoolKeyTorBoxRevokedIsMarkedFailingAndTheUserMovesToTheOtherKey() throws Exception {
        start(Map.of());
        assertEquals(2, fixture.streams(ServerFixture.streamPath(user, 0), "Player/1").size());
        String revoked = fixture.torBox.keysUsedFor("checkcached").get(0);
        String other = revoked.equals(ServerFixture.KEY_ONE) ? ServerFixture.KEY_TWO : ServerFixture.KEY_ONE;
        fixture.torBox.revoke(revoked);

        JsonNode refused = fixture.streams(ServerFixture.streamPath(user, 1), "Player/1");
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).get("name").asText().contains("Store unavailable"), refused.toString());
        assertEquals("failing", keyStatus(ServerFixture.KEY_ONE.equals(revoked) ? "1" : "2"));

        fixture.torBox.resetCounts();
        assertEquals(2, fixture.streams(ServerFixture.streamPath(user, 1), "Player/1").size());
        assertEquals(List.of(other), fixture.torBox.keysUsedFor("checkcached"), "the next request uses the other key");
        assertTrue(fixture.play(ServerFixture.playbackPath(user, 1), "Player/1").startsWith("http://cdn.tb.invalid/"));
        assertFalse(fixture.torBox.keysUsedFor("createtorrent").contains(revoked));
        assertNotEquals(0, fixture.torBox.keysUsedFor("requestdl").size());
    }

    /** The admin API's status of the key whose masked form ends like key {@code n} (…0001 or …0002). */
    private String keyStatus(String n) throws Exception {
        for (JsonNode key : fixture.admin("GET", "/pool-keys", null).get("items")) {
            if (key.get("maskedKey").asText().endsWith(n)) {
                return key.get("status").asText();
            }
        }
        throw new AssertionError("no key ending in " + n);
    }
}
