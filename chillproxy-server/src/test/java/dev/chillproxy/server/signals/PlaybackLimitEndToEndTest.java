package dev.chillproxy.server.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;

/**
 * POOL_MAX_PLAYBACKS_PER_KEY: with one place on the key, a second household's device gets the "too many streams"
 * video (not a 500, not the CDN), the playing device moves on to its next film, and the refusal is in the usage log.
 */
class PlaybackLimitEndToEndTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKeyPlaysAtMostItsLimitOfDevices(Engine engine) throws Exception {
        try (ServerFixture fixture = ServerFixture.withCatalogue(engine, Map.of("POOL_MAX_PLAYBACKS_PER_KEY", "1"))) {
            String key = fixture.addPoolKey(ServerFixture.KEY_ONE, 10);
            String ann = fixture.addUser();
            String bob = fixture.addUser();

            assertTrue(fixture.play(ServerFixture.playbackPath(ann, 0), "TV/1").startsWith("http://cdn.tb.invalid/"));
            String refused = fixture.play(ServerFixture.playbackPath(bob, 1), "Phone/1");
            assertTrue(refused.endsWith("/v0/store/_/static/playback_limit.mp4"), refused);
            assertEquals(200, fixture.status(fixture.local(refused).substring(fixture.url("").length())), "the video is served");
            assertTrue(fixture.play(ServerFixture.playbackPath(ann, 1), "TV/1").startsWith("http://cdn.tb.invalid/"),
                    "the device already playing is never refused");

            JsonNode denials = fixture.admin("GET", "/usage?action=denied&userId=" + bob, null).get("items");
            assertEquals(1, denials.size());
            assertEquals("playback-limit", denials.get(0).get("reason").asText());
            assertTrue(fixture.getText("/metrics").contains("chillproxy_playback_limit_refusals_total 1.0"));
            assertEquals(2, fixture.admin("GET", "/pool-keys", null).get("items").get(0).get("assignedUsers").asInt(),
                    "both users are on key " + key);
        }
    }
}
