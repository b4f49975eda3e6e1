package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.store.StoreName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.IndexerConfig;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.server.fakes.FakeIndexer;
import dev.chillproxy.server.fakes.FakeTorBox;
import dev.chillproxy.server.fakes.ServerFixture;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Stremio user with a Chillproxy URL, end to end and in-process: embedded pool managed through the admin API,
 * fakes of TorBox and of a Jackett indexer, the real server in between.
 */
class TorzEndToEndTest {

    static final String KEY_ONE = "11111111-aaaa-4bbb-8ccc-000000000001";
    static final String KEY_TWO = "22222222-aaaa-4bbb-8ccc-000000000002";

    static final String MATRIX_4K = "a".repeat(40);
    static final String MATRIX_1080 = "b".repeat(40);
    static final String MATRIX_720 = "c".repeat(40);
    static final String BB_PACK = "d".repeat(40);
    static final String BB_E02 = "e".repeat(40);
    static final String BB_E05 = "f".repeat(40);
    static final String BB_S02 = "0123456789".repeat(4);

    @StartStop
    final MockWebServer torbox = new MockWebServer();
    @StartStop
    final MockWebServer indexer = new MockWebServer();
    @StartStop
    final MockWebServer slowIndexer = new MockWebServer();

    final FakeTorBox fakeTorBox = new FakeTorBox();
    ServerFixture fixture;

    @BeforeEach
    void fakes() {
        fakeTorBox.acceptKey(KEY_ONE);
        fakeTorBox.acceptKey(KEY_TWO);
        fakeTorBox.cache(new FakeTorBox.Torrent(MATRIX_4K, "The.Matrix.1999.2160p.UHD.BluRay.x265-GRP",
                FakeTorBox.paths("The.Matrix.1999.2160p/The.Matrix.1999.2160p.mkv"), 40_000_000_000L));
        fakeTorBox.know(new FakeTorBox.Torrent(MATRIX_1080, "The.Matrix.1999.1080p.BluRay.x264-OTHER",
                FakeTorBox.paths("The.Matrix.1999.1080p.mkv"), 12_000_000_000L));
        fakeTorBox.cache(new FakeTorBox.Torrent(MATRIX_720, "The.Matrix.1999.720p.WEB-DL.x264-WEB",
                FakeTorBox.paths("The.Matrix.1999.720p.mkv"), 4_000_000_000L));
        List<String> episodes = IntStream.rangeClosed(1, 7)
                .mapToObj(e -> "Breaking.Bad.S01.1080p.BluRay.x264-GRP/Breaking.Bad.S01E0" + e + ".1080p.BluRay.x264-GRP.mkv")
                .toList();
        fakeTorBox.cache(new FakeTorBox.Torrent(BB_PACK, "Breaking.Bad.S01.1080p.BluRay.x264-GRP", episodes, 2_000_000_000L));
        torbox.setDispatcher(fakeTorBox);
        indexer.setDispatcher(new FakeIndexer(0,
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.2160p.UHD.BluRay.x265-GRP", MATRIX_4K, 40_000_000_000L, 42),
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.1080p.BluRay.x264-OTHER", MATRIX_1080, 12_000_000_000L, 10),
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.720p.WEB-DL.x264-WEB", MATRIX_720, 4_000_000_000L, 5),
                new FakeIndexer.Item("tt0903747", "Breaking.Bad.S01.1080p.BluRay.x264-GRP", BB_PACK, 14_000_000_000L, 30),
                new FakeIndexer.Item("tt0903747", "Breaking.Bad.S01E02.720p.HDTV.x264-X", BB_E02, 700_000_000L, 3),
                new FakeIndexer.Item("tt0903747", "Breaking.Bad.S01E05.1080p.WEB-DL.x264-X", BB_E05, 1_500_000_000L, 3),
                new FakeIndexer.Item("tt0903747", "Breaking.Bad.S02.1080p.BluRay.x264-GRP", BB_S02, 15_000_000_000L, 9)));
        slowIndexer.setDispatcher(new FakeIndexer(3_000,
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.480p.DVDRip.XviD-SLOW", "9".repeat(40), 700_000_000L, 1)));
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("TORBOX_API_URL", "http://127.0.0.1:" + torbox.getPort());
        env.putIfAbsent("TORZNAB_INDEXERS", jackett(indexer));
        fixture = ServerFixture.start(Engine.SQLITE, env);
    }

    private static String jackett(MockWebServer server) {
        return "http://127.0.0.1:" + server.getPort() + "/api/v2.0/indexers/all/results/torznab/api?apikey=jackettkey";
    }

    @Test
    void movieListsCachedStreamsFirstInStremThrusTemplate() throws Exception {
        start(Map.of());
        fixture.addPoolKey(KEY_ONE, 1);
        String user = fixture.addUser();

        JsonNode streams = fixture.getJson("/stremio/torz/" + ServerFixture.cfg(user) + "/stream/movie/tt0133093.json", "Stremio/1")
                .get("streams");

        assertEquals(3, streams.size(), streams.toString());
        assertEquals("⚡️ [TB]\nTorz\n2160p", streams.get(0).get("name").asText());
        assertEquals("⚡️ [TB]\nTorz\n720p", streams.get(1).get("name").asText());
        assertEquals("[TB]\nTorz\n1080p", streams.get(2).get("name").asText(), "uncached comes after every cached one");
        String description = streams.get(0).get("description").asText();
        assertTrue(description.startsWith("💿 BluRay 🎞️ hevc"), description);
        assertTrue(description.contains("📦 37 GB 👤 42"), description);
        assertTrue(description.contains("⚙️ GRP 🔍 FakeTracker"), description);
        assertTrue(description.endsWith("📁 The.Matrix.1999.2160p.UHD.BluRay.x265-GRP"), description);
        assertEquals("torz:" + MATRIX_4K, streams.get(0).get("behaviorHints").get("bingeGroup").asText());
        for (JsonNode stream : streams) {
            String url = stream.get("url").asText();
            assertTrue(url.startsWith(ServerFixture.BASE + "/stremio/torz/"), url);
            assertFalse(url.contains(KEY_ONE), "no key in a stream url");
        }
        assertEquals(1, fakeTorBox.calls("checkcached").stream().map(FakeTorBox.Call::key).distinct().count());
        assertEquals(KEY_ONE, fakeTorBox.calls("checkcached").get(0).key(), "checked with the user's pool key");

        assertTrue(fixture.server.outbox().drain(java.time.Duration.ofSeconds(5)));
        JsonNode listed = fixture.admin("GET", "/usage?userId=" + user + "&action=stream-list", null).get("items");
        assertEquals(1, listed.size(), listed.toString());
        assertTrue(listed.get(0).get("cached").asBoolean(), "the list offered cached streams");
    }

    @Test
    void episodeFromASeasonPackPlaysTheRightFileWithThePoolKey() throws Exception {
        start(Map.of());
        String keyId = fixture.addPoolKey(KEY_ONE, 1);
        String user = fixture.addUser();
        String[] logs = new String[1];
        List<String> locations = new ArrayList<>();
        logs[0] = ServerFixture.capturingLogs(() -> {
            JsonNode streams = fixture.getJson("/stremio/torz/" + ServerFixture.cfg(user) + "/stream/series/tt0903747%3A1%3A2.json",
                    "Stremio/1").get("streams");
            List<String> hashes = new ArrayList<>();
            streams.forEach(s -> hashes.add(s.get("behaviorHints").get("bingeGroup").asText().substring(5)));
            assertEquals(List.of(BB_PACK, BB_E02), hashes, "the pack and the single episode; not E05, not season 2");
            try (Response played = fixture.client.newCall(new Request.Builder()
                    .url(fixture.local(streams.get(0).get("url").asText())).header("User-Agent", "Stremio/1").build()).execute()) {
                assertEquals(302, played.code());
                locations.add(played.header("Location"));
            }
        });
        String location = locations.get(0);
        assertTrue(location.matches("http://cdn\\.tb\\.invalid/dld/\\d+/1\\?sig=cdnsig"), "file id 1 is S01E02: " + location);
        assertEquals(KEY_ONE, fakeTorBox.calls("createtorrent").get(0).key());
        assertEquals(KEY_ONE, fakeTorBox.calls("requestdl").get(0).key(), "the key that added links");
        assertFalse(logs[0].contains(KEY_ONE), "no pool key in any log line");

        assertTrue(fixture.server.outbox().drain(java.time.Duration.ofSeconds(5)));
        JsonNode usage = fixture.admin("GET", "/usage?userId=" + user, null).get("items");
        JsonNode served = null;
        for (JsonNode event : usage) {
            if (event.get("action").asText().equals("stream-served")) {
                served = event;
            }
        }
        assertTrue(served != null, usage.toString());
        assertEquals(BB_PACK, served.get("hash").asText());
        assertEquals(keyId, served.get("poolKeyId").asText());
        assertTrue(served.get("cached").asBoolean());
    }

    @Test
    void twoUsersInFlightAtOnceEachUseTheirOwnKey() throws Exception {
        start(Map.of());
        fixture.addPoolKey(KEY_ONE, 1);
        fixture.addPoolKey(KEY_TWO, 1);
        String alice = fixture.addUser();
        String bob = fixture.addUser();
        fakeTorBox.holdCreatesUntil(2);

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> play(alice, MATRIX_4K));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> play(bob, MATRIX_720));
        assertTrue(first.join().startsWith("http://cdn.tb.invalid/"));
        assertTrue(second.join().startsWith("http://cdn.tb.invalid/"));

        Map<String, String> createdWith = new java.util.HashMap<>();
        fakeTorBox.calls("createtorrent").forEach(call -> createdWith.put(call.hash(), call.key()));
        assertEquals(2, createdWith.size());
        assertNotEquals(createdWith.get(MATRIX_4K), createdWith.get(MATRIX_720), "one key per user");
        fakeTorBox.calls("requestdl").forEach(call -> assertEquals(createdWith.get(call.hash()), call.key()));
    }

    @Test
    void aFourthDeviceAndADisabledUserAreToldWhy() throws Exception {
        start(Map.of());
        fixture.addPoolKey(KEY_ONE, 1);
        String user = fixture.addUser();
        String path = "/stremio/torz/" + ServerFixture.cfg(user) + "/stream/movie/tt0133093.json";
        for (int device = 1; device <= 3; device++) {
            assertEquals(3, fixture.getJson(path, "Player/" + device).get("streams").size());
        }
        JsonNode refused = fixture.getJson(path, "Player/4").get("streams");
        assertEquals(1, refused.size());
        assertTrue(refused.get(0).get("name").asText().contains("Device limit reached"), refused.toString());
        assertTrue(refused.get(0).get("description").asText().contains("3"), refused.toString());
        String playback = "/stremio/torz/" + ServerFixture.cfg(user) + "/_/strem/tt0133093/tb/" + MATRIX_4K + "/-1/";
        try (Response response = fixture.get(playback, "Player/4")) {
            assertEquals(302, response.code());
            assertTrue(response.header("Location").endsWith("/v0/store/_/static/device_limit.mp4"), response.header("Location"));
        }

        fixture.admin("PATCH", "/users/" + user, "{\"status\":\"disabled\"}");
        JsonNode disabled = fixture.getJson(path, "Player/1").get("streams");
        assertTrue(disabled.get(0).get("name").asText().contains("Access disabled"), disabled.toString());
        try (Response video = fixture.get("/v0/store/_/static/device_limit.mp4", "Player/1")) {
            assertEquals("video/mp4", video.header("Content-Type"));
            assertTrue(video.body().bytes().length > 1_000);
        }
    }

    @Test
    void aSlowIndexerIsCutAtTheDeadlineAndTheRestIsServed() throws Exception {
        start(Map.of("STREAM_DEADLINE_MS", "1000", "TORZNAB_INDEXERS", jackett(indexer) + "," + jackett(slowIndexer)));
        fixture.addPoolKey(KEY_ONE, 1);
        String user = fixture.addUser();
        JsonNode streams = fixture.getJson("/stremio/torz/" + ServerFixture.cfg(user) + "/stream/movie/tt0133093.json", "Stremio/1")
                .get("streams");
        assertEquals(3, streams.size(), "the fast indexer's three, without the slow one's: " + streams);
        streams.forEach(stream -> assertFalse(stream.get("name").asText().contains("480p")));
    }

    @Test
    void aUsersIndexerOnThisMachineIsNeverCalled() throws Exception {
        start(Map.of());
        fixture.addPoolKey(KEY_ONE, 1);
        String user = fixture.addUser();
        FakeIndexer local = new FakeIndexer(0,
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.480p.DVDRip.XviD-LOCAL", "9".repeat(40), 700_000_000L, 1));
        slowIndexer.setDispatcher(local);
        // "localhost" is not a host the operator configured (the fakes use 127.0.0.1), so it must not be reached
        String cfg = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, user)),
                List.of(new IndexerConfig("jackett", "http://localhost:" + slowIndexer.getPort()
                        + "/api/v2.0/indexers/all/results/torznab/api", "userkey")), false, false, "", ""));

        JsonNode streams = fixture.getJson("/stremio/torz/" + cfg + "/stream/movie/tt0133093.json", "Stremio/1").get("streams");

        assertEquals(3, streams.size(), "the operator's indexer still answers: " + streams);
        assertEquals(0, slowIndexer.getRequestCount(), "nothing reached the indexer on this machine");
    }

    @Test
    void aHeadAndAGetAtOnceAddTheTorrentOnce() throws Exception {
        start(Map.of());
        fixture.addPoolKey(KEY_ONE, 1);
        String user = fixture.addUser();
        fakeTorBox.slowCreates(400);
        String path = "/stremio/torz/" + ServerFixture.cfg(user) + "/_/strem/tt0133093/tb/" + MATRIX_4K + "/-1/";
        CompletableFuture<Integer> head = CompletableFuture.supplyAsync(() -> status("HEAD", path));
        CompletableFuture<Integer> get = CompletableFuture.supplyAsync(() -> status("GET", path));
        assertEquals(302, head.join());
        assertEquals(302, get.join());
        assertEquals(1, fakeTorBox.calls("createtorrent").size());
    }

    private String play(String user, String hash) {
        try (Response response = fixture.get("/stremio/torz/" + ServerFixture.cfg(user) + "/_/strem/tt0133093/tb/" + hash + "/-1/",
                "Player/" + user)) {
            return response.header("Location");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int status(String method, String path) {
        Request request = new Request.Builder().url(fixture.url(path)).method(method, null)
                .header("User-Agent", "Stremio/1").build();
        try (Response response = fixture.client.newCall(request).execute()) {
            return response.code();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
