package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.store.StoreName;
import java.util.List;
import java.util.Map;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.server.fakes.FakeTorBox;
import dev.chillproxy.server.fakes.ServerFixture;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The playback route beyond the end-to-end test: malformed links of every kind answer 302 to the bad-link video
 * (never a 5xx), for GET and HEAD, and the {@code {name}} variant plays the named file. One server for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaybackRoutesTest {

    private static final String OWN_KEY = "users-own-torbox-key-0123456789";
    private static final String MOVIE = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String TWO_PARTS = "b".repeat(40);

    private final MockWebServer torbox = new MockWebServer();
    private final FakeTorBox fakeTorBox = new FakeTorBox();
    private ServerFixture fixture;
    private String cfg;

    @BeforeAll
    void start() throws Exception {
        fakeTorBox.acceptKey(OWN_KEY);
        fakeTorBox.cache(new FakeTorBox.Torrent(MOVIE, "The.Matrix.1999.1080p.BluRay.x264-GRP",
                FakeTorBox.paths("The.Matrix.1999.1080p.mkv"), 12_000_000_000L));
        fakeTorBox.cache(new FakeTorBox.Torrent(TWO_PARTS, "Kill.Bill.Vol.1.and.2.1080p",
                FakeTorBox.paths("Kill Bill/Kill.Bill.Vol.1.mkv", "Kill Bill/Kill.Bill.Vol.2.mkv"), 6_000_000_000L));
        torbox.setDispatcher(fakeTorBox);
        torbox.start();
        fixture = ServerFixture.start(Engine.SQLITE, Map.of("TORBOX_API_URL", "http://127.0.0.1:" + torbox.getPort()));
        // a legacy token keeps this test about the route, not the pool
        cfg = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.own(StoreName.TORBOX, OWN_KEY)), List.of(), false, false, "", ""));
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
        torbox.close();
    }

    private Response call(String method, String path) throws Exception {
        return fixture.client.newCall(new Request.Builder().url(fixture.url(path)).method(method, null)
                .header("User-Agent", "Player/1").build()).execute();
    }

    private void assertBadLink(String path) throws Exception {
        for (String method : List.of("GET", "HEAD")) {
            try (Response response = call(method, path)) {
                assertEquals(302, response.code(), method + " " + path);
                assertEquals(ServerFixture.BASE + "/v0/store/_/static/bad_link.mp4", response.header("Location"));
                assertEquals("public, max-age=60", response.header("Cache-Control"));
            }
        }
    }

    @Test
    void aConfigThatCannotBeReadIsABadLink() throws Exception {
        assertBadLink("/stremio/torz/not-a-config!/_/strem/tt0133093/tb/" + MOVIE + "/-1/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"imdb0133093", "tt0133093%3Ax", "kitsu%3Aabc"})
    void aBadIdIsABadLink(String id) throws Exception {
        assertBadLink("/stremio/torz/" + cfg + "/_/strem/" + id + "/tb/" + MOVIE + "/-1/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyz", "abcd", "0123456789abcdef0123456789abcdef0123456", MOVIE + "-@@@", MOVIE + "-not*base64"})
    void aBadHashOrTorrentSuffixIsABadLink(String hash) throws Exception {
        assertBadLink("/stremio/torz/" + cfg + "/_/strem/tt0133093/tb/" + hash + "/-1/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "-2", "1.5", "99999999999"})
    void aBadFileIndexIsABadLink(String fileIdx) throws Exception {
        assertBadLink("/stremio/torz/" + cfg + "/_/strem/tt0133093/tb/" + MOVIE + "/" + fileIdx + "/");
    }

    @Test
    void aP2pConfigHasNoPlaybackLinks() throws Exception {
        String p2p = ConfigCodec.encode(TorzConfig.p2p(List.of(), false, false, "", ""));

        assertBadLink("/stremio/torz/" + p2p + "/_/strem/tt0133093/p2p/" + MOVIE + "/-1/");
    }

    @Test
    void theNamedVariantPlaysTheNamedFileAndKeepsTheKeyServerSide() throws Exception {
        String path = "/stremio/torz/" + cfg + "/_/strem/tt0266697/tb/" + TWO_PARTS + "/-1/Kill.Bill.Vol.1.mkv";

        String location;
        try (Response head = call("HEAD", path)) {
            assertEquals(302, head.code());
            assertEquals("no-store", head.header("Cache-Control"));
            location = head.header("Location");
        }

        assertTrue(location.matches("http://cdn\\.tb\\.invalid/dld/\\d+/0\\?sig=cdnsig"), "file 0 is Vol. 1: " + location);
        assertFalse(location.contains(OWN_KEY));
        try (Response get = call("GET", path)) {
            assertEquals(location, get.header("Location"), "the resolved link is reused");
        }
    }

    @Test
    void theLinkWithoutANameAlsoPlays() throws Exception {
        try (Response response = call("GET", "/stremio/torz/" + cfg + "/_/strem/tt0133093/tb/" + MOVIE + "/-1")) {
            assertEquals(302, response.code());
            assertTrue(response.header("Location").startsWith("http://cdn.tb.invalid/dld/"), response.header("Location"));
        }
    }
}
