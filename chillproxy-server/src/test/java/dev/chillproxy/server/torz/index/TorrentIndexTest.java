package dev.chillproxy.server.torz.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.core.torrent.TorrentFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TorrentIndexTest {

    private static final String PACK = "a".repeat(40);
    private static final String MOVIE = "b".repeat(40);
    private static final TorrentUrlSealer SEALER = new TorrentUrlSealer(PoolKeyCipher.of(PoolKeyCipher.generateKey()));

    @ParameterizedTest
    @EnumSource(Engine.class)
    void remembersIndexerResultsAndPlaybackTags(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            db.database().migrate("torz");
            TorrentIndex index = new TorrentIndex(db.database(), Clock.systemUTC(), SEALER);
            index.remember("tt0903747", List.of(new IndexedTorrent(PACK, "Breaking.Bad.S01.1080p.BluRay.x264-GRP",
                    30_000_000_000L, 50, "Jackett", false, "", List.of(), null)));
            index.remember("tt0903747", List.of(new IndexedTorrent(PACK, "Breaking.Bad.S01.1080p.BluRay.x264-GRP",
                    30_000_000_000L, 70, "Jackett", false, "", List.of(), null)));

            TorrentFile episode = new TorrentFile(2, "Breaking.Bad.S01/Breaking.Bad.S01E02.mkv", 2_000_000_000L);
            index.tag(PACK, "tt0903747:1:2", episode);

            List<IndexedTorrent> found = index.find("tt0903747", "tt0903747:1:2");
            assertEquals(1, found.size(), "one torrent, remembered twice");
            assertEquals(70, found.get(0).seeders(), "newer facts replace older ones");
            assertEquals(episode.path(), found.get(0).taggedPath());
            assertEquals(List.of(episode), found.get(0).files());
            assertEquals(episode.path(), index.taggedPath(PACK, "tt0903747:1:2").orElseThrow());
            assertTrue(index.find("tt0903747", "tt0903747:1:3").get(0).taggedPath() == null);
            assertTrue(index.find("tt9999999", "tt9999999").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aWholeFeedIsRememberedAndATorrentListedTwiceKeepsItsLastFacts(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            db.database().migrate("torz");
            TorrentIndex index = new TorrentIndex(db.database(), Clock.systemUTC(), SEALER);
            TorrentFile first = new TorrentFile(0, "Breaking.Bad.S01/Breaking.Bad.S01E01.mkv", 1_000_000_000L);
            TorrentFile second = new TorrentFile(1, "Breaking.Bad.S01/Breaking.Bad.S01E02.mkv", 1_100_000_000L);
            index.remember("tt0903747", List.of(
                    new IndexedTorrent(PACK, "Breaking.Bad.S01.1080p.BluRay.x264-GRP", 30_000_000_000L, 50, "Jackett",
                            false, "", List.of(first, second), null),
                    new IndexedTorrent(MOVIE, "Breaking.Bad.S01E01.720p.WEB.x264-OTHER", 1_000_000_000L, 9, "Jackett",
                            false, "", List.of(), null),
                    new IndexedTorrent(PACK, "Breaking.Bad.S01.1080p.BluRay.x264-GRP.REPACK", 30_000_000_000L, 80,
                            "Prowlarr", false, "", List.of(), null)));

            List<IndexedTorrent> found = index.find("tt0903747", "tt0903747:1:1");
            assertEquals(2, found.size(), "both torrents, the pack once");
            IndexedTorrent pack = found.stream().filter(t -> t.hash().equals(PACK)).findFirst().orElseThrow();
            assertEquals("Breaking.Bad.S01.1080p.BluRay.x264-GRP.REPACK", pack.name(), "the feed's last facts win");
            assertEquals(80, pack.seeders());
            assertEquals("Prowlarr", pack.indexer());
            assertEquals(List.of(first, second), pack.files());
            assertTrue(found.stream().anyMatch(t -> t.hash().equals(MOVIE) && t.seeders() == 9));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void magnetCacheAnswersGoStaleAtTheirOwnPace(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            db.database().migrate("torz");
            TestClock clock = new TestClock(Instant.parse("2026-11-26T00:00:00Z"));
            MagnetCache cache = new MagnetCache(db.database(), clock, Duration.ofHours(24), Duration.ofHours(8));
            cache.note("tb", Map.of(PACK, true, MOVIE, false));
            cache.share("tb", Map.of(PACK, true, MOVIE, false));

            assertEquals(Map.of(PACK, true, MOVIE, false), cache.fresh("tb", List.of(PACK, MOVIE)));
            assertEquals(Map.of(), cache.fresh("rd", List.of(PACK, MOVIE)), "per store");

            clock.advance(Duration.ofHours(9));
            assertEquals(Map.of(PACK, true), cache.fresh("tb", List.of(PACK, MOVIE)), "uncached is stale after 8 h");

            clock.advance(Duration.ofHours(16));
            assertEquals(Map.of(), cache.fresh("tb", List.of(PACK, MOVIE)), "cached is stale after 24 h");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aPrivateTorrentsLinkIsSealedAtRestAndPublicLinksAreNotKept(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            db.database().migrate("torz");
            TorrentIndex index = new TorrentIndex(db.database(), Clock.systemUTC(), SEALER);
            String privateLink = "https://jackett.example/dl/tracker/?jackett_apikey=operator-secret-771&path=abc";
            index.remember("tt0133093", List.of(
                    new IndexedTorrent(PACK, "The.Matrix.1999.1080p-PRV", 1L, 3, "T", true, privateLink, List.of(), null),
                    new IndexedTorrent(MOVIE, "The.Matrix.1999.720p-PUB", 1L, 3, "T", false,
                            "https://jackett.example/dl/pub/?jackett_apikey=public-secret-772", List.of(), null)));

            List<String> stored = db.database().jdbi().withHandle(handle -> handle
                    .createQuery("SELECT torrent_url FROM torz_torrents").mapTo(String.class).list());
            assertFalse(stored.toString().contains("secret") || stored.toString().contains("jackett"), stored.toString());
            assertEquals(privateLink, index.privateTorrentUrl(PACK).orElseThrow());
            assertTrue(index.privateTorrentUrl(MOVIE).isEmpty(), "playback adds public torrents by hash");
            assertEquals(privateLink, index.find("tt0133093", "tt0133093").stream()
                    .filter(t -> t.hash().equals(PACK)).findFirst().orElseThrow().torrentUrl());

            TorrentIndex otherKey = new TorrentIndex(db.database(), Clock.systemUTC(),
                    new TorrentUrlSealer(PoolKeyCipher.of(PoolKeyCipher.generateKey())));
            assertTrue(otherKey.privateTorrentUrl(PACK).isEmpty(), "another POOL_ENCRYPTION_KEY opens nothing, throws nothing");
            db.database().jdbi().useHandle(handle -> handle.execute(
                    "UPDATE torz_torrents SET torrent_url = (SELECT torrent_url FROM torz_torrents WHERE hash = ?),"
                            + " is_private = TRUE WHERE hash = ?", PACK, MOVIE));
            assertTrue(index.privateTorrentUrl(MOVIE).isEmpty(), "a sealed link copied onto another torrent does not open");
        }
    }
}
