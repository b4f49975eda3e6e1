package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.FakeTorBox;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the operator reads about playbacks in the admin API (issue 12): one event per GET playback, uncached ones
 * recorded as torrents added, denials with their reason, a cache ratio over playbacks only, emails with users.
 */
class PlaybackUsageTest {

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private String startWithUser() throws Exception {
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of());
        fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
        return fixture.admin("POST", "/users", "{\"email\":\"ann@example.org\"}").get("id").asText();
    }

    @Test
    void headsAreNoPlaybackAndAnUncachedPlaybackIsATorrentAdded() throws Exception {
        String user = startWithUser();
        String cached = ServerFixture.playbackPath(user, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(302, call("HEAD", cached));
        }
        assertEquals(302, call("GET", cached));
        fixture.torBox.know(new FakeTorBox.Torrent(ServerFixture.uncachedHash(0), "Fault.Movie.0.2021.1080p.WEB-DL.x264-WEB",
                List.of("Fault.Movie.0.2021.1080p.WEB-DL.x264-WEB.mkv"), 2_000_000_000L));
        String uncached = "/stremio/torz/" + ServerFixture.cfg(user) + "/_/strem/" + ServerFixture.imdbId(0) + "/tb/"
                + ServerFixture.uncachedHash(0) + "/-1/";
        assertEquals(302, call("GET", uncached));

        List<JsonNode> playbacks = events(user, "stream-served");
        assertEquals(2, playbacks.size(), "three HEADs and a GET are one playback: " + playbacks);
        JsonNode added = playbacks.get(0);
        assertEquals(ServerFixture.uncachedHash(0), added.get("hash").asText());
        assertEquals("torrent-added", added.get("outcome").asText());
        assertEquals(false, added.get("cached").asBoolean());
        JsonNode served = playbacks.get(1);
        assertEquals("served", served.get("outcome").asText());
        assertEquals(8_000_000_000L, served.get("bytes").asLong(), "the file once, not once per HEAD");

        JsonNode stats = fixture.admin("GET", "/stats", null);
        JsonNode key = stats.get("keys").get(0);
        assertEquals(2, key.get("playbacks").asLong());
        assertEquals(0.5, key.get("playbackCachedRatio").asDouble(), 1e-9);
        JsonNode userRow = stats.get("users").get(0);
        assertEquals("ann@example.org", userRow.get("email").asText());
        JsonNode listed = fixture.admin("GET", "/pool-keys", null).get("items").get(0);
        assertEquals(0.5, listed.get("playbackCachedRatio24h").asDouble(), 1e-9);
    }

    @Test
    void aDenialSaysWhyAndPlaysItsOwnVideo() throws Exception {
        String user = startWithUser();
        fixture.admin("PATCH", "/users/" + user, "{\"status\":\"disabled\"}");

        String location;
        try (Response response = fixture.get(ServerFixture.playbackPath(user, 0), "Player/1")) {
            location = response.header("Location");
        }
        assertTrue(location.endsWith("/v0/store/_/static/access_disabled.mp4"), location);
        try (Response response = fixture.get("/stremio/torz/" + ServerFixture.cfg("00000000-0000-4000-8000-000000000000")
                + "/_/strem/" + ServerFixture.imdbId(0) + "/tb/" + ServerFixture.cachedHash(0) + "/-1/", "Player/1")) {
            assertTrue(response.header("Location").endsWith("/unknown_user.mp4"), response.header("Location"));
        }

        List<JsonNode> denied = events(user, "denied");
        assertEquals(1, denied.size(), denied.toString());
        assertEquals("user-disabled", denied.get(0).get("reason").asText());
    }

    /** Our own rate limit is not the debrid service throttling (429.mp4 says that): it has its own video. */
    @Test
    void ourOwnRateLimitSaysSoNotThatTheDebridServiceThrottles() throws Exception {
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of("RATE_LIMIT_USER_RPS", "1"));
        fixture.addPoolKey(ServerFixture.KEY_ONE, 5);
        String user = fixture.addUser();
        String last = null;
        for (int i = 0; i < 5; i++) {
            try (Response response = fixture.get(ServerFixture.playbackPath(user, 0), "Player/1")) {
                last = response.header("Location");
            }
        }
        assertTrue(last.endsWith("/v0/store/_/static/rate_limited.mp4"), last);
        JsonNode info = fixture.getJson(ServerFixture.streamPath(user, 0), "Player/1").get("streams").get(0);
        assertTrue(info.get("url").asText().endsWith("/rate_limited.mp4"), info.toString());
    }

    private List<JsonNode> events(String user, String action) throws Exception {
        assertTrue(fixture.server.outbox().drain(Duration.ofSeconds(5)));
        List<JsonNode> out = new ArrayList<>();
        fixture.admin("GET", "/usage?userId=" + user + "&action=" + action, null).get("items").forEach(out::add);
        return out;
    }

    private int call(String method, String path) throws Exception {
        Request request = new Request.Builder().url(fixture.url(path)).method(method, null)
                .header("User-Agent", "Stremio/1").build();
        try (Response response = fixture.client.newCall(request).execute()) {
            return response.code();
        }
    }
}
