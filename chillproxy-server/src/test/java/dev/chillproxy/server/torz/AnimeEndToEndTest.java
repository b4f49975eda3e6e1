package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.FakeIndexer;
import dev.chillproxy.server.fakes.FakeTorBox;
import dev.chillproxy.server.fakes.ServerFixture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An anime catalog's {@code kitsu:ID:EP} ids, end to end: the mapping list (served locally) places the Kitsu entry
 * as season 2 of an IMDb title, so the indexers are asked by IMDb id and only that season's torrents are listed,
 * and the link plays the right file of a pack numbered absolutely.
 */
class AnimeEndToEndTest {

    static final String KEY = "11111111-aaaa-4bbb-8ccc-000000000001";
    static final String IMDB = "tt2560140";
    static final String S1_PACK = "a".repeat(40);
    static final String S1_E05 = "b".repeat(40);
    static final String S2_E05 = "c".repeat(40);
    static final String S2_ABSOLUTE_PACK = "d".repeat(40);
    // shaped like Fribb/anime-lists anime-list-full.json
    static final String LIST = """
            [{"type":"TV","kitsu_id":7442,"mal_id":16498,"imdb_id":"tt2560140","season":{"tvdb":1,"tmdb":1}},
             {"type":"TV","kitsu_id":8671,"mal_id":25777,"imdb_id":["tt2560140"],"season":{"tvdb":2,"tmdb":2}}]""";

    @StartStop
    final MockWebServer torbox = new MockWebServer();
    @StartStop
    final MockWebServer indexer = new MockWebServer();
    @StartStop
    final MockWebServer lists = new MockWebServer();

    final FakeTorBox fakeTorBox = new FakeTorBox();
    final FakeIndexer fakeIndexer = new FakeIndexer(0,
            new FakeIndexer.Item(IMDB, "Attack.on.Titan.S01.1080p.BluRay.x264-GRP", S1_PACK, 20_000_000_000L, 30),
            new FakeIndexer.Item(IMDB, "Attack.on.Titan.S01E05.720p.HDTV.x264-X", S1_E05, 700_000_000L, 3),
            new FakeIndexer.Item(IMDB, "Attack.on.Titan.S02E05.1080p.WEB-DL.x264-X", S2_E05, 1_500_000_000L, 3),
            new FakeIndexer.Item(IMDB, "[Grp] Shingeki no Kyojin Season 2 [BD 1080p]", S2_ABSOLUTE_PACK,
                    12_000_000_000L, 9));
    ServerFixture fixture;

    @BeforeEach
    void fakes() {
        fakeTorBox.acceptKey(KEY);
        // the second season numbered on from the first: episodes 26 to 37
        List<String> absolute = IntStream.rangeClosed(26, 37)
                .mapToObj(n -> "[Grp] Shingeki no Kyojin Season 2/[Grp] Shingeki no Kyojin - " + n + " [BD 1080p].mkv").toList();
        fakeTorBox.cache(new FakeTorBox.Torrent(S2_ABSOLUTE_PACK, "[Grp] Shingeki no Kyojin Season 2 [BD 1080p]", absolute,
                1_000_000_000L));
        fakeTorBox.cache(new FakeTorBox.Torrent(S2_E05, "Attack.on.Titan.S02E05.1080p.WEB-DL.x264-X",
                FakeTorBox.paths("Attack.on.Titan.S02E05.1080p.WEB-DL.x264-X.mkv"), 1_500_000_000L));
        torbox.setDispatcher(fakeTorBox);
        indexer.setDispatcher(fakeIndexer);
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private String user() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("TORBOX_API_URL", "http://127.0.0.1:" + torbox.getPort());
        env.put("TORZNAB_INDEXERS", "http://127.0.0.1:" + indexer.getPort()
                + "/api/v2.0/indexers/all/results/torznab/api?apikey=jackettkey");
        env.put("ANIME_MAPPING_URL", "http://127.0.0.1:" + lists.getPort() + "/anime-list-full.json");
        lists.enqueue(new MockResponse.Builder().body(LIST).build());
        fixture = ServerFixture.start(Engine.SQLITE, env);
        assertNotNull(lists.takeRequest(10, TimeUnit.SECONDS), "the list is downloaded at start");
        fixture.addPoolKey(KEY, 1);
        return fixture.addUser();
    }

    private String path(String user, String id) {
        return "/stremio/torz/" + ServerFixture.cfg(user) + "/stream/series/" + id.replace(":", "%3A") + ".json";
    }

    /** The list is parsed just after the download: until then an anime id lists what the local index knows. */
    private JsonNode streamsOnceMapped(String path) throws Exception {
        JsonNode streams = fixture.streams(path, "Stremio/1");
        for (int i = 0; i < 20 && streams.isEmpty(); i++) {
            Thread.sleep(250);
            streams = fixture.streams(path, "Stremio/1");
        }
        return streams;
    }

    private static List<String> hashes(JsonNode streams) {
        List<String> hashes = new ArrayList<>();
        streams.forEach(s -> hashes.add(s.get("behaviorHints").get("bingeGroup").asText().substring("torz:".length())));
        return hashes;
    }

    @Test
    void aKitsuEpisodeListsOnlyItsSeasonAndPlaysTheRightFileOfAnAbsolutelyNumberedPack() throws Exception {
        String user = user();

        JsonNode streams = streamsOnceMapped(path(user, "kitsu:8671:5"));

        assertEquals(List.of(S2_E05, S2_ABSOLUTE_PACK), hashes(streams).stream().sorted().toList(),
                "season 2 only: neither the season 1 pack nor S01E05");
        String query = fakeIndexer.lastQuery();
        assertTrue(query.contains("imdbid=2560140") || query.contains("imdbid=tt2560140"), query);
        assertTrue(query.contains("season=2") && query.contains("ep=5"), query);
        String packUrl = null;
        for (JsonNode stream : streams) {
            if (stream.get("behaviorHints").get("bingeGroup").asText().endsWith(S2_ABSOLUTE_PACK)) {
                packUrl = stream.get("url").asText();
            }
        }
        assertTrue(packUrl.contains("/tt2560140%3A2%3A5/") || packUrl.contains("/tt2560140:2:5/"), packUrl);
        String location = fixture.play(fixture.local(packUrl).substring(fixture.url("").length()), "Stremio/1");
        // episode 5 of the season is the fifth file, "- 30" (file id 4)
        assertTrue(location.matches("http://cdn\\.tb\\.invalid/dld/\\d+/4\\?sig=cdnsig"), location);
    }

    @Test
    void aMalIdMapsTooAndAnUnknownIdKeepsTodaysBehaviour() throws Exception {
        String user = user();

        assertEquals(2, streamsOnceMapped(path(user, "mal:25777:5")).size());
        int searches = fakeIndexer.searches();
        JsonNode unknown = fixture.streams(path(user, "kitsu:99999:5"), "Stremio/1");
        assertEquals(0, unknown.size(), unknown.toString());
        assertEquals(searches, fakeIndexer.searches(), "an unmapped anime id is not searched by IMDb id");
    }
}
