package dev.chillproxy.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chillproxy.core.store.StoreName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real server: a user's indexer on this machine, in IP spellings a parser may miss, is never called. */
@Tag("security")
class UserIndexerGuardEndToEndTest {

    private static final String KEY = "11111111-aaaa-4bbb-8ccc-000000000001";
    private static final String HASH = "a".repeat(40);

    @StartStop
    final MockWebServer torbox = new MockWebServer();
    @StartStop
    final MockWebServer indexer = new MockWebServer();
    @StartStop
    final MockWebServer local = new MockWebServer();

    ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aUsersIndexerSpelledAsANumberOrShortFormIsNeverCalled() throws Exception {
        FakeTorBox fakeTorBox = new FakeTorBox();
        fakeTorBox.acceptKey(KEY);
        fakeTorBox.cache(new FakeTorBox.Torrent(HASH, "The.Matrix.1999.2160p.UHD.BluRay.x265-GRP",
                FakeTorBox.paths("The.Matrix.1999.2160p.mkv"), 40_000_000_000L));
        torbox.setDispatcher(fakeTorBox);
        indexer.setDispatcher(new FakeIndexer(0,
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.2160p.UHD.BluRay.x265-GRP", HASH, 40_000_000_000L, 42)));
        local.setDispatcher(new FakeIndexer(0,
                new FakeIndexer.Item("tt0133093", "The.Matrix.1999.480p.DVDRip.XviD-LOCAL", "9".repeat(40), 700_000_000L, 1)));
        Map<String, String> env = new HashMap<>();
        env.put("TORBOX_API_URL", "http://127.0.0.1:" + torbox.getPort());
        env.put("TORZNAB_INDEXERS", "http://127.0.0.1:" + indexer.getPort() + "/api/v2.0/indexers/all/results/torznab/api?apikey=k");
        fixture = ServerFixture.start(Engine.SQLITE, env);
        fixture.addPoolKey(KEY, 1);
        String user = fixture.addUser();
        String path = "/api/v2.0/indexers/all/results/torznab/api";
        // 127.0.0.1 itself is an operator host here (on other ports): the exemption is by host:port, not host
        for (String host : List.of("2130706433", "127.1", "127.000.000.001", "127.0.0.1")) {
            String cfg = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, user)), List.of(
                    new IndexerConfig("jackett", "http://" + host + ":" + local.getPort() + path, "userkey")),
                    false, false, "", ""));

            JsonNode streams = fixture.getJson("/stremio/torz/" + cfg + "/stream/movie/tt0133093.json", "Stremio/1")
                    .get("streams");

            assertEquals(1, streams.size(), host + ": only the operator's indexer answers: " + streams);
        }
        assertEquals(0, local.getRequestCount(), "nothing reached the indexer on this machine");
    }
}
