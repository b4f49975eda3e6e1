package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.store.StoreName;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.server.fakes.ServerFixture;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stream route's answers to bad or refused requests, which the end-to-end test does not cover: always a 200
 * with one info stream that says what is wrong, never a 5xx. One server for the class; no store is reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamRoutesTest {

    private static final String UNKNOWN_USER = "0b6f1a52-3c7e-4d0a-9b1e-2f5c8d9e0a11";

    private ServerFixture fixture;

    @BeforeAll
    void start() {
        // no indexer and an unreachable TorBox: these requests must be answered before either matters
        fixture = ServerFixture.start(Engine.SQLITE, Map.of("TORBOX_API_URL", "http://127.0.0.1:9",
                "TORZNAB_INDEXERS", "http://127.0.0.1:9/api?apikey=operator"));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private static String cfg(String filter, String sort) {
        return ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, UNKNOWN_USER)), List.of(), false, false,
                sort, filter));
    }

    /** The single info stream of a 200 answer. */
    private JsonNode info(String path) throws Exception {
        try (Response response = fixture.get(path, "Stremio/1")) {
            assertEquals(200, response.code(), path);
            assertEquals("no-store", response.header("Cache-Control"));
            JsonNode streams = ServerFixture.JSON.readTree(response.body().string()).get("streams");
            assertEquals(1, streams.size(), streams.toString());
            assertTrue(streams.get(0).get("name").asText().startsWith("Chillproxy\n"), streams.toString());
            return streams.get(0);
        }
    }

    @Test
    void aConfigThatIsNotBase64JsonLinksToTheConfigurePage() throws Exception {
        JsonNode stream = info("/stremio/torz/not-a-config!/stream/movie/tt0133093.json");

        assertTrue(stream.get("name").asText().contains("Invalid configuration"), stream.toString());
        // a page opens in the browser (externalUrl); in url Stremio would try to play the HTML as a video
        assertEquals(ServerFixture.BASE + "/stremio/torz/configure", stream.get("externalUrl").asText());
        assertFalse(stream.has("url"), stream.toString());
    }

    @Test
    void aConfigWithoutStoresSaysSo() throws Exception {
        String empty = Base64.getUrlEncoder().withoutPadding().encodeToString("{}".getBytes(StandardCharsets.UTF_8));

        JsonNode stream = info("/stremio/torz/" + empty + "/stream/movie/tt0133093.json");

        assertTrue(stream.get("name").asText().contains("Invalid configuration"), stream.toString());
        assertTrue(stream.get("description").asText().contains("stores"), stream.toString());
    }

    @Test
    void anUnsupportedIdOrTypeIsExplained() throws Exception {
        JsonNode badId = info("/stremio/torz/" + cfg("", "") + "/stream/movie/imdb-0133093.json");
        JsonNode badType = info("/stremio/torz/" + cfg("", "") + "/stream/channel/tt0133093.json");
        JsonNode movieWithEpisode = info("/stremio/torz/" + cfg("", "") + "/stream/movie/tt0133093%3A1%3A2.json");

        for (JsonNode stream : List.of(badId, badType, movieWithEpisode)) {
            assertTrue(stream.get("name").asText().contains("Unsupported title"), stream.toString());
            assertEquals("stremio:///", stream.get("externalUrl").asText());
        }
    }

    @Test
    void aBadFilterIsABadConfigNamingTheFilter() throws Exception {
        String config = cfg("Resolution >= ", "");

        JsonNode stream = info("/stremio/torz/" + config + "/stream/movie/tt0133093.json");

        assertTrue(stream.get("name").asText().contains("Invalid configuration"), stream.toString());
        assertTrue(stream.get("description").asText().startsWith("filter: invalid filter expression"), stream.toString());
        assertTrue(stream.get("externalUrl").asText().endsWith("/stremio/torz/configure"), stream.toString());
        assertFalse(stream.has("url"), stream.toString());
    }

    @Test
    void anUnknownPoolUserIsToldWhyWithItsOwnVideo() throws Exception {
        JsonNode stream = info("/stremio/torz/" + cfg("", "") + "/stream/movie/tt0133093.json");

        assertTrue(stream.get("name").asText().contains("Unknown user"), stream.toString());
        // not 403.mp4, whose text speaks of a device limit
        assertTrue(stream.get("url").asText().endsWith("/v0/store/_/static/unknown_user.mp4"), stream.toString());
    }

    @Test
    void aShortImdbIdIsAnsweredNot500() throws Exception {
        String legacy = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.own(StoreName.TORBOX, "users-own-token")), List.of(),
                false, false, "", ""));
        try (Response response = fixture.get("/stremio/torz/" + legacy + "/stream/movie/tt1.json", "Stremio/1")) {
            assertEquals(200, response.code());
            assertEquals("{\"streams\":[]}", response.body().string(), "nothing known, nothing to search for");
        }
    }
}
