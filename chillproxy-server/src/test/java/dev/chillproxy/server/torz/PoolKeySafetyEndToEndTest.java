package dev.chillproxy.server.torz;

import static dev.chillproxy.server.fakes.ServerFixture.KEY_ONE;
import static dev.chillproxy.server.fakes.ServerFixture.cachedHash;
import static dev.chillproxy.server.fakes.ServerFixture.imdbId;
import static dev.chillproxy.server.fakes.ServerFixture.playbackPath;
import static dev.chillproxy.server.fakes.ServerFixture.streamPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One pool user cannot leak, poison or knock over the shared pool: through the running server, embedded pool, fake
 * TorBox and a Real-Debrid that records whatever reaches it.
 */
@Tag("security")
class PoolKeySafetyEndToEndTest {

    private static final String PLAYER = "Player/1";

    @StartStop
    final MockWebServer realDebrid = new MockWebServer();
    ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ServerFixture start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("REALDEBRID_API_URL", realDebrid.url("/rest/1.0").toString());
        env.put("RATE_LIMIT_USER_RPS", "1000");
        env.put("RATE_LIMIT_IP_RPS", "1000");
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, env);
        return fixture;
    }

    private String keyStatus() throws IOException {
        return fixture.admin("GET", "/pool-keys", null).get("items").get(0).get("status").asText();
    }

    private static String rawCfg(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A playback of movie {@code n} with a file name of its own: each is a new link, so a new resolution. */
    private static String namedPlayback(String user, int movie, String name) {
        return playbackPath(user, movie) + name;
    }

    /** Without a Real-Debrid key in the pool, a Real-Debrid pool user is told so; the TorBox key goes nowhere. */
    @Test
    void aPoolUserOnRealDebridWithoutARealDebridKeyIsToldSoAndRealDebridNeverSeesTheTorBoxKey() throws Exception {
        start(Map.of());
        fixture.addPoolKey(KEY_ONE, 20);
        String user = fixture.addUser();
        String cfg = rawCfg("{\"stores\":[{\"c\":\"rd\",\"auth\":\"" + user + "\"}]}");

        try (Response manifest = fixture.get("/stremio/torz/" + cfg + "/manifest.json", PLAYER)) {
            assertEquals(200, manifest.code(), "every debrid service is pooled");
        }
        JsonNode streams = fixture.streams("/stremio/torz/" + cfg + "/stream/movie/" + imdbId(1) + ".json", PLAYER);
        assertEquals(1, streams.size());
        assertTrue(streams.get(0).get("description").asText().contains("No Real-Debrid key in the pool"), streams.toString());
        String location = fixture.play("/stremio/torz/" + cfg + "/_/strem/" + imdbId(1) + "/rd/" + cachedHash(1) + "/-1/x.mkv",
                PLAYER);
        assertTrue(location.contains("/v0/store/_/static/"), location);

        assertEquals(0, realDebrid.getRequestCount(), "Real-Debrid was never called");
        assertEquals(0, fixture.torBox.requests("checkcached") + fixture.torBox.requests("createtorrent"));
        assertEquals("healthy", keyStatus());
    }

    /**
     * The reported scenario: 11 playbacks with varied file names used to spend the key's 10 createtorrent a minute and
     * put it into cooldown for everyone. The torrent is now reused from the account: one add, the key stays healthy.
     */
    @Test
    void elevenPlaybacksWithVariedFileNamesKeepTheKeyHealthy() throws Exception {
        start(Map.of());
        fixture.addPoolKey(KEY_ONE, 20);
        String user = fixture.addUser();
        String other = fixture.addUser();

        for (int i = 0; i < 11; i++) {
            String location = fixture.play(namedPlayback(user, 3, "Fault.Movie.3.part" + i + ".mkv"), PLAYER);
            assertTrue(location.startsWith("http://cdn.tb.invalid/"), "playback " + i + ": " + location);
        }

        assertEquals(1, fixture.torBox.requests("createtorrent"), "the account's copy is reused");
        assertEquals("healthy", keyStatus());
        assertTrue(fixture.play(playbackPath(other, 4), "Other/1").startsWith("http://cdn.tb.invalid/"), "others unaffected");
    }

    /** One user starting many different torrents spends only their own hourly quota; the key and others are fine. */
    @Test
    void oneUserCannotSpendTheKeysHourlyAdds() throws Exception {
        start(Map.of("USER_ADDS_PER_HOUR", "4"));
        fixture.addPoolKey(KEY_ONE, 20);
        String user = fixture.addUser();
        String other = fixture.addUser();

        for (int movie = 0; movie < 4; movie++) {
            assertTrue(fixture.play(playbackPath(user, movie), PLAYER).startsWith("http://cdn.tb.invalid/"));
        }
        String busy = fixture.play(playbackPath(user, 10), PLAYER);

        assertTrue(busy.endsWith("/busy.mp4"), busy);
        assertEquals(4, fixture.torBox.requests("createtorrent"));
        assertEquals("healthy", keyStatus());
        assertTrue(fixture.play(playbackPath(other, 10), "Other/1").startsWith("http://cdn.tb.invalid/"));
    }

    /** Our own createtorrent budget for the key (10 a minute) running out gives "busy", not a cooldown. */
    @Test
    void aSpentKeyBudgetGivesTheBusyVideoAndTheKeyStaysHealthy() throws Exception {
        start(Map.of("USER_ADDS_PER_HOUR", "100"));
        fixture.addPoolKey(KEY_ONE, 20);
        String user = fixture.addUser();
        String other = fixture.addUser();

        for (int movie = 0; movie < 10; movie++) {
            assertTrue(fixture.play(playbackPath(user, movie), PLAYER).startsWith("http://cdn.tb.invalid/"), "movie " + movie);
        }
        String busy = fixture.play(playbackPath(user, 10), PLAYER);

        assertTrue(busy.endsWith("/busy.mp4"), busy);
        assertEquals(10, fixture.torBox.requests("createtorrent"), "the 11th add never left the server");
        assertEquals("healthy", keyStatus(), "no cooldown for our own budget");
        JsonNode streams = fixture.streams(streamPath(other, 12), "Other/1");
        assertFalse(streams.get(0).get("name").asText().contains("Key pool unavailable"), streams.toString());
        assertTrue(fixture.play(playbackPath(other, 3), "Other/1").startsWith("http://cdn.tb.invalid/"),
                "a torrent the account has plays on");
    }

    /** A WAF's HTML 403 is not a dead key: user/me still works, so the key stays healthy. */
    @Test
    void anHtml403FromTorBoxDoesNotMarkTheKeyFailing() throws Exception {
        start(Map.of());
        fixture.addPoolKey(KEY_ONE, 20);
        String user = fixture.addUser();
        fixture.torBox.blockWithHtml("createtorrent", 403);

        String location = fixture.play(playbackPath(user, 5), PLAYER);

        assertTrue(location.contains("/v0/store/_/static/"), location);
        assertEquals(1, fixture.torBox.requests("createtorrent"));
        assertTrue(fixture.torBox.requests("me") >= 2, "the refusal was checked with user/me (after the one at saving)");
        assertEquals("healthy", keyStatus());
        fixture.torBox.heal();
        assertTrue(fixture.play(playbackPath(user, 5), PLAYER).startsWith("http://cdn.tb.invalid/"));
    }

    /** A key TorBox really revoked is confirmed by user/me and marked failing. */
    @Test
    void aRevokedKeyIsConfirmedAndMarkedFailing() throws Exception {
        start(Map.of());
        fixture.addPoolKey(KEY_ONE, 20);
        String user = fixture.addUser();
        fixture.torBox.revoke(KEY_ONE);

        fixture.play(playbackPath(user, 6), PLAYER);

        assertEquals("failing", keyStatus());
    }
}
