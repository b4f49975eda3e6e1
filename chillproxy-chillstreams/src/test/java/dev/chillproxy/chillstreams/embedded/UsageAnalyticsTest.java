package dev.chillproxy.chillstreams.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the admin API's usage figures tell an operator (issue 12, "Analytics that mislead"), on both engines. */
class UsageAnalyticsTest {

    /**
     * Stream lists read "cached" whenever any result was, so a ratio over every request reads ~100 %. The playback
     * ratio counts only playbacks: served from cache, or a torrent added (not cached); failures say nothing.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void thePlaybackCachedRatioIsTheShareOfPlaybacksServedFromCache(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            Instant at = f.clock.instant();
            f.pool.logUsage(List.of(
                    event("1", "stream-list", true, "", ""),
                    event("2", "stream-list", true, "", ""),
                    event("3", "stream-list", true, "", ""),
                    event("4", "stream-served", true, UsageEvent.SERVED, ""),
                    event("5", "stream-served", false, UsageEvent.TORRENT_ADDED, ""),
                    event("6", "stream-served", false, UsageEvent.TORRENT_ADDED, ""),
                    event("7", "stream-served", false, UsageEvent.FAILED, ""),
                    event("8", "denied", false, "", "device-limit")));

            UsageStats.Aggregate key = f.admin.stats(at, at.plusSeconds(60)).keys().get(0);

            assertEquals(3, key.playbacks(), "served + two torrents added; the failure is no playback");
            assertEquals(1.0 / 3, key.playbackCachedRatio(), 1e-9);
            assertEquals(7, key.requests());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void withoutPlaybacksTheRatioIsUnknownNotZero(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            Instant at = f.clock.instant();
            f.pool.logUsage(List.of(event("1", "stream-list", true, "", "")));

            UsageStats.Aggregate key = f.admin.stats(at, at.plusSeconds(60)).keys().get(0);

            assertEquals(0, key.playbacks());
            assertNull(key.playbackCachedRatio());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDenialKeepsItsReasonAndAPlaybackItsOutcome(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            UsageEvent denied = event("1", "denied", false, "", "device-limit");
            UsageEvent added = event("2", "stream-served", false, UsageEvent.TORRENT_ADDED, "");
            f.pool.logUsage(List.of(denied, added));

            List<UsageEvent> items = f.admin.usage(new UsageQuery(null, null, null, null, 10, null)).items();

            assertEquals(List.of(added, denied), items); // same time: newest insert first
            assertEquals(UsageEvent.TORRENT_ADDED, items.get(0).outcome());
            assertEquals("device-limit", items.get(1).reason());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void userFiguresCarryTheUsersEmail(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            String user = f.admin.createUser(null, "ann@example.org").id();
            Instant at = f.clock.instant();
            f.pool.logUsage(List.of(new UsageEvent("e-1", user, "k-1", "stream-list", "", false, 0, at)));

            UsageStats.Aggregate row = f.admin.stats(at, at.plusSeconds(60)).users().get(0);

            assertEquals(user, row.id());
            assertEquals("ann@example.org", row.email());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKeyCheckedWhenAddedHasALastCheckTime(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            PoolAdmin checking = new PoolAdmin(f.database(), f.cipher, f.clock, (service, key) -> new ProbeResult.Ok());

            PoolKeyView key = checking.createPoolKey(PoolFixture.torboxKey(1), null, null, 5);

            assertEquals(f.clock.instant(), key.lastCheckedAt());
            assertNotNull(checking.listPoolKeys().get(0).lastCheckedAt());
        }
    }

    private static UsageEvent event(String id, String action, boolean cached, String outcome, String reason) {
        return new UsageEvent("e-" + id, "u-1", "denied".equals(action) ? "" : "k-1", action, "abc", cached, 0,
                Instant.parse("2030-01-01T00:00:00Z"), outcome, reason);
    }
}
