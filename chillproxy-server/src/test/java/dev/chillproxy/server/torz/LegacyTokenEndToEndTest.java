package dev.chillproxy.server.torz;

import static dev.chillproxy.server.fakes.ServerFixture.KEY_TWO;
import static dev.chillproxy.server.fakes.ServerFixture.imdbId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.server.fakes.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user's own (legacy) token, through the running server and a fake TorBox that knows which tokens are good. */
class LegacyTokenEndToEndTest {

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static String streams(String token) {
        String cfg = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.own(StoreName.TORBOX, token)), List.of(),
                false, false, "", ""));
        return "/stremio/torz/" + cfg + "/stream/movie/" + imdbId(3) + ".json";
    }

    @Test
    void aWrongTokenIsToldAtTheListAndAGoodOneListsStreams() throws Exception {
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of());
        String wrong = "not-a-torbox-token-0123456789abcdef";

        JsonNode refused = fixture.streams(streams(wrong), "Player/1");
        JsonNode listed = fixture.streams(streams(KEY_TWO), "Player/1");

        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).get("name").asText().contains("Store refused your token"), refused.toString());
        assertFalse(refused.toString().contains(wrong));
        assertFalse(fixture.torBox.keysUsedFor("checkcached").contains(wrong), "no cache check with the wrong token");
        assertEquals(2, listed.size(), "a good token lists the movie's two torrents: " + listed);
    }
}
