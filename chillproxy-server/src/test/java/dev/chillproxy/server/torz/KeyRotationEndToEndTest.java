package dev.chillproxy.server.torz;

import static dev.chillproxy.server.fakes.ServerFixture.KEY_ONE;
import static dev.chillproxy.server.fakes.ServerFixture.KEY_TWO;
import static dev.chillproxy.server.fakes.ServerFixture.playbackPath;
import static dev.chillproxy.server.fakes.ServerFixture.streamPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;

/**
 * Zero-downtime rotation through the running server (grant cache, embedded pool, fake TorBox): 100 users on a key
 * scheduled to retire move to its successor on their next request, none sees a failed list or playback, and a
 * torrent added with the old key keeps playing through it.
 */
class KeyRotationEndToEndTest {

    private static final int USERS = 100;
    private static final int MOVIES = 5;

    /** Not an info stream: a real stream pointing at a playback link. */
    private static boolean served(JsonNode streams) {
        return streams.size() > 0 && streams.get(0).path("url").asText().contains("/strem/");
    }

    @Test
    void hundredUsersMoveToTheSuccessorWithoutAFailedRequestAndOldTorrentsKeepTheirKey() throws IOException {
        try (ServerFixture fixture = ServerFixture.withCatalogue(Engine.SQLITE,
                // 100 users play on one key here: the per-key playback limit (10 by default) is not what is tested
                Map.of("RATE_LIMIT_USER_RPS", "1000", "RATE_LIMIT_IP_RPS", "100000", "USER_ADDS_PER_HOUR", "100",
                        "POOL_MAX_PLAYBACKS_PER_KEY", "1000"))) {
            String old = fixture.addPoolKey(KEY_ONE, 150);
            List<String> users = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < USERS; i++) {
                String user = fixture.addUser();
                users.add(user);
                failed += served(fixture.streams(streamPath(user, i % MOVIES), "Player/1")) ? 0 : 1;
                failed += fixture.play(playbackPath(user, i % MOVIES), "Player/1").startsWith("http://cdn.tb.invalid/") ? 0 : 1;
            }
            assertEquals(0, failed, "before the rotation");
            assertEquals(List.of(KEY_ONE), fixture.torBox.keysUsedFor("createtorrent").stream().distinct().toList());

            String retireAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
            fixture.admin("PATCH", "/pool-keys/" + old, "{\"retireAt\":\"" + retireAt + "\"}");
            String successor = fixture.admin("POST", "/pool-keys", "{\"apiKey\":\"" + KEY_TWO + "\",\"maxUsers\":150}")
                    .get("id").asText();
            int addsBefore = fixture.torBox.requests("createtorrent");

            for (int i = 0; i < USERS; i++) {
                String user = users.get(i);
                failed += served(fixture.streams(streamPath(user, i % MOVIES), "Player/1")) ? 0 : 1;
                // the torrent this user played before is in the old key's account: it plays from there
                failed += fixture.play(playbackPath(user, i % MOVIES), "Player/1").startsWith("http://cdn.tb.invalid/") ? 0 : 1;
                // a torrent new to everyone goes to the successor
                failed += fixture.play(playbackPath(user, 20), "Player/1").startsWith("http://cdn.tb.invalid/") ? 0 : 1;
            }

            assertEquals(0, failed, "during the rotation: " + (USERS * 3) + " requests");
            JsonNode plan = fixture.admin("GET", "/rotation", null).get("items").get(0);
            assertEquals(List.of(old, 0, true), List.of(plan.get("id").asText(), plan.get("usersOnKey").asInt(),
                    plan.get("successorReady").asBoolean()));
            for (String user : users) {
                JsonNode assignment = fixture.admin("GET", "/users/" + user, null).get("assignments").get(0);
                assertEquals(successor, assignment.get("poolKeyId").asText());
            }
            List<String> newAdds = fixture.torBox.keysUsedFor("createtorrent")
                    .subList(addsBefore, fixture.torBox.requests("createtorrent"));
            assertEquals(List.of(KEY_TWO), newAdds, "only the new torrent was added, once, to the successor");
            assertTrue(fixture.torBox.keysSeen().containsAll(List.of(KEY_ONE, KEY_TWO)));
        }
    }
}
