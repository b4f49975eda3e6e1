package dev.chillproxy.chillstreams.embedded;

import static dev.chillproxy.chillstreams.embedded.PoolFixture.keyIdOf;
import static dev.chillproxy.chillstreams.embedded.PoolFixture.torboxKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.torz.Access.Refusal;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.outbox.UsageOutbox;
import dev.chillproxy.chillstreams.pool.UsageEvent;

class EmbeddedPoolTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void grantsTheDecryptedKeyAndRefusesUnknownAndDisabledUsersAtOnce(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            PoolKeyView key = f.admin.createPoolKey(torboxKey(1), "main", null, null);
            String user = f.admin.createUser(null, "a@example.com").id();

            Grant grant = f.get(user, "device-1");
            Grant.Allowed allowed = assertInstanceOf(Grant.Allowed.class, grant);
            assertEquals(torboxKey(1), allowed.poolKey().reveal());
            assertEquals(key.id(), allowed.poolKeyId());
            assertEquals(1, allowed.deviceCount());

            Grant.Denied unknown = assertInstanceOf(Grant.Denied.class, f.get("00000000-0000-0000-0000-000000000000", "device-1"));
            assertEquals(Refusal.UNKNOWN_USER, unknown.reason());

            f.admin.setUserStatus(user, "disabled");
            Grant.Denied disabled = assertInstanceOf(Grant.Denied.class, f.get(user, "device-1"));
            assertEquals(Refusal.USER_DISABLED, disabled.reason());
            assertTrue(disabled.message().contains("disabled"));

            f.admin.setUserStatus(user, "active");
            assertInstanceOf(Grant.Allowed.class, f.get(user, "device-1"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void assignsTheKeyWithTheMostFreeRoomUntilAllAreFull(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            String small = f.admin.createPoolKey(torboxKey(1), "small", "torbox", 2).id();
            String large = f.admin.createPoolKey(torboxKey(2), "large", "torbox", 3).id();
            List<String> users = IntStream.range(0, 6).mapToObj(i -> f.admin.createUser(null, null).id()).toList();

            // free room: small 2 / large 3 -> large, then 2/2 -> either, ... ending full at 2 + 3
            Map<String, Long> perKey = users.subList(0, 5).stream()
                    .collect(Collectors.groupingBy(u -> keyIdOf(f.get(u, "d")), Collectors.counting()));
            assertEquals(Map.of(small, 2L, large, 3L), perKey);
            assertEquals(large, keyIdOf(f.get(users.get(0), "d")), "the first user went to the larger key and stays");

            Grant.Denied full = assertInstanceOf(Grant.Denied.class, f.get(users.get(5), "d"));
            assertEquals(Refusal.NO_KEY_AVAILABLE, full.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void deviceLimitCountsKnownDevicesOnceAndRevokingFreesASlot(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            String user = f.admin.createUser(null, null).id();
            for (String device : List.of("tv", "phone", "laptop")) {
                assertInstanceOf(Grant.Allowed.class, f.get(user, device));
            }
            f.clock.advance(Duration.ofMinutes(5));
            assertEquals(3, assertInstanceOf(Grant.Allowed.class, f.get(user, "tv")).deviceCount());

            Grant.Denied denied = assertInstanceOf(Grant.Denied.class, f.get(user, "tablet"));
            assertEquals(Refusal.DEVICE_LIMIT, denied.reason());
            assertEquals(3, denied.deviceCount());
            assertEquals("Device limit reached (3 of 3). A slot frees in about 12 h, once one of your devices has been idle"
                    + " for 12 h; the operator of this addon can free one sooner.", denied.message());

            f.pool.persistCounts(); // the known device's request is written in the background
            DeviceView tv = f.admin.getUser(user).devices().stream().filter(d -> d.deviceId().equals("tv")).findFirst().orElseThrow();
            assertEquals(2, tv.requestCount());
            assertEquals(tv.firstSeen().plus(Duration.ofMinutes(5)), tv.lastSeen());

            f.admin.revokeDevice(user, "phone");
            assertInstanceOf(Grant.Allowed.class, f.get(user, "tablet"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anIdleDeviceFreesItsSlotAndTheDenialSaysWhen(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            EmbeddedPool pool = new EmbeddedPool(f.database(), f.cipher, f.clock, 2, Duration.ofHours(12), (service, key) -> new ProbeResult.Unauthorized());
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            String user = f.admin.createUser(null, null).id();
            assertInstanceOf(Grant.Allowed.class, get(pool, user, "old-phone-address"));
            f.clock.advance(Duration.ofHours(9));
            assertInstanceOf(Grant.Allowed.class, get(pool, user, "tv"));

            Grant.Denied denied = assertInstanceOf(Grant.Denied.class, get(pool, user, "new-phone-address"));
            assertEquals(Refusal.DEVICE_LIMIT, denied.reason());
            assertTrue(denied.message().contains("A slot frees in about 3 h"), denied.message());
            assertTrue(denied.message().contains("the operator of this addon can free one"), denied.message());

            f.clock.advance(Duration.ofHours(3).plusSeconds(1));
            Grant.Allowed allowed = assertInstanceOf(Grant.Allowed.class, get(pool, user, "new-phone-address"));
            assertEquals(2, allowed.deviceCount(), "the idle device no longer counts");
            assertEquals(List.of("new-phone-address", "tv"),
                    f.admin.getUser(user).devices().stream().map(DeviceView::deviceId).toList(), "its row is gone");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDeviceBackFromIdleIsCountedAfreshAndNeedsAFreeSlot(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            EmbeddedPool pool = new EmbeddedPool(f.database(), f.cipher, f.clock, 2, Duration.ofSeconds(2), (service, key) -> new ProbeResult.Unauthorized());
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            String user = f.admin.createUser(null, null).id();
            assertInstanceOf(Grant.Allowed.class, get(pool, user, "a"));
            assertInstanceOf(Grant.Allowed.class, get(pool, user, "b"));
            f.clock.advance(Duration.ofSeconds(3));

            // "a" still has its row, but it holds no slot: the count is 1, not 2
            assertEquals(1, assertInstanceOf(Grant.Allowed.class, get(pool, user, "a")).deviceCount());
            assertEquals(2, assertInstanceOf(Grant.Allowed.class, get(pool, user, "c")).deviceCount());
            Grant.Denied denied = assertInstanceOf(Grant.Denied.class, get(pool, user, "b"));
            assertTrue(denied.message().contains("A slot frees in about 2 s"), denied.message());
        }
    }

    private static Grant get(EmbeddedPool pool, String user, String device) {
        return pool.getKey(new dev.chillproxy.chillstreams.pool.GetKeyRequest(user, device, "stream-list", ""));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void retiredAndRefusedKeysLoseTheirUsersWithoutADenial(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            String first = f.admin.createPoolKey(torboxKey(1), null, null, 10).id();
            String user = f.admin.createUser(null, null).id();
            assertEquals(first, keyIdOf(f.get(user, "d")));
            String second = f.admin.createPoolKey(torboxKey(2), null, null, 10).id();
            String third = f.admin.createPoolKey(torboxKey(3), null, null, 10).id();

            f.admin.retirePoolKey(first);
            String afterRetire = keyIdOf(f.get(user, "d"));
            assertNotEquals(first, afterRetire);

            f.pool.reportKeyProblem(afterRetire, new KeyProblem.Unauthorized());
            String afterRefusal = keyIdOf(f.get(user, "d"));
            assertTrue(List.of(second, third).contains(afterRefusal));
            assertNotEquals(afterRetire, afterRefusal);

            f.pool.reportKeyProblem(afterRefusal, new KeyProblem.Throttled(f.clock.instant().plus(Duration.ofMinutes(1))));
            Grant.Denied none = assertInstanceOf(Grant.Denied.class, f.get(user, "d"));
            assertEquals(Refusal.NO_KEY_AVAILABLE, none.reason(), "retired, failing and cooling: nothing left");
            f.clock.advance(Duration.ofMinutes(2));
            assertEquals(afterRefusal, keyIdOf(f.get(user, "d")));
            assertEquals("failing", f.admin.keyHealthHistory(afterRetire).get(0).health());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void usageIsStoredOncePerEventId(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            Instant at = f.clock.instant();
            UsageEvent served = new UsageEvent("e-1", "u-1", "k-1", "stream-served", "abc", true, 1000, at);
            UsageEvent listed = new UsageEvent("e-2", "u-1", "k-1", "stream-list", "", false, 0, at.plusSeconds(1));
            f.pool.logUsage(List.of(served, listed));
            f.pool.logUsage(List.of(served, listed, served));

            UsagePage page = f.admin.usage(new UsageQuery(null, null, null, null, 10, null));
            assertEquals(List.of(listed, served), page.items());
            UsageStats.Aggregate key = f.admin.stats(at, at.plusSeconds(60)).keys().get(0);
            assertEquals(new UsageStats.Aggregate("k-1", 2, 0.5, 1000, 1, 1.0, null), key);
        }
    }

    /**
     * A group commit hands over groups of any size; they are stored as multi-row inserts of 64, 16, 4 and 1 rows: 89
     * events (64 + 16 + 4 + 4 + 1) plus a repeated id all land once, with every field as given.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLargeGroupOfUsageEventsIsStoredInFullOncePerEventId(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            Instant at = f.clock.instant();
            List<UsageEvent> events = new java.util.ArrayList<>(IntStream.range(0, 89).mapToObj(i -> new UsageEvent("e-" + i,
                    "u-" + (i % 7), "k-" + (i % 3), i % 2 == 0 ? "stream-list" : "stream-served", "h" + i, i % 5 == 0, i * 10L,
                    at.plusMillis(i), i % 2 == 0 ? "" : UsageEvent.SERVED, "")).toList());
            events.add(events.get(40));
            f.pool.logUsage(events);
            f.pool.logUsage(events.subList(80, 90)); // again: nothing new

            List<UsageEvent> stored = f.admin.usage(new UsageQuery(null, null, null, null, 200, null)).items();
            assertEquals(89, stored.size());
            assertEquals(events.subList(0, 89).stream().collect(Collectors.toSet()), Set.copyOf(stored));
        }
    }

    /** Embedded mode: a usage event is one insert into the usage log, at once; no outbox table, no delivery round. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRecordedUsageEventIsInTheUsageLogAtOnceWithoutAnOutbox(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            UsageOutbox usage = UsageOutbox.direct(f.pool, f.clock); // the usage_outbox table does not even exist here
            UsageEvent served = new UsageEvent("e-1", "u-1", "k-1", "stream-served", "abc", true, 1000, f.clock.instant());

            usage.record(served);
            usage.record(served);

            assertEquals(List.of(served), f.admin.usage(new UsageQuery(null, null, null, null, 10, null)).items());
            assertEquals(0, usage.depth());
        }
    }

    /**
     * A store's 401/403 (a WAF page, a 403 for one torrent) marks a key failing only when {@code user/me} confirms it;
     * a burst of reports costs one probe per key per 30 s.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRefusalIsConfirmedWithTheKeysServiceBeforeTheKeyIsMarkedFailing(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            java.util.concurrent.atomic.AtomicReference<ProbeResult> answer = new java.util.concurrent.atomic.AtomicReference<>(
                    new ProbeResult.Ok());
            List<String> probed = new java.util.concurrent.CopyOnWriteArrayList<>();
            EmbeddedPool pool = new EmbeddedPool(f.database(), f.cipher, f.clock, 3, EmbeddedPool.DEFAULT_DEVICE_IDLE_RELEASE, (service, key) -> {
                probed.add(key.reveal());
                return answer.get();
            });
            String key = f.admin.createPoolKey(torboxKey(1), null, null, 10).id();
            String user = f.admin.createUser(null, null).id();
            assertEquals(key, keyIdOf(pool.getKey(new dev.chillproxy.chillstreams.pool.GetKeyRequest(user, "d", "stream-list", ""))));

            pool.reportKeyProblem(key, new KeyProblem.Unauthorized());
            pool.reportKeyProblem(key, new KeyProblem.Unauthorized());

            assertEquals(List.of(torboxKey(1)), probed, "one probe, with the key itself");
            assertEquals("healthy", f.admin.listPoolKeys().get(0).status(), "user/me works: the key is kept");
            assertEquals(key, keyIdOf(pool.getKey(new dev.chillproxy.chillstreams.pool.GetKeyRequest(user, "d", "stream-list", ""))));

            f.clock.advance(Duration.ofSeconds(31));
            answer.set(new ProbeResult.Error("timeout"));
            pool.reportKeyProblem(key, new KeyProblem.Unauthorized());
            assertEquals("healthy", f.admin.listPoolKeys().get(0).status(), "an unanswered probe proves nothing");

            f.clock.advance(Duration.ofSeconds(31));
            answer.set(new ProbeResult.Unauthorized());
            pool.reportKeyProblem(key, new KeyProblem.Unauthorized());
            assertEquals("failing", f.admin.listPoolKeys().get(0).status(), "confirmed: the key is dead");
            assertEquals(3, probed.size());
        }
    }

    /** 60 createtorrent an hour per TorBox key: by default a key is shared by at most 20 users. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKeyAddedWithoutMaxUsersTakesTwentyUsers(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            String key = f.admin.createPoolKey(torboxKey(1), null, null, null).id();
            for (int i = 0; i < 21; i++) {
                Grant grant = f.get(f.admin.createUser(null, null).id(), "d");
                if (i < 20) {
                    assertEquals(key, keyIdOf(grant));
                } else {
                    assertEquals(Refusal.NO_KEY_AVAILABLE, assertInstanceOf(Grant.Denied.class, grant).reason());
                }
            }
            assertEquals(20, f.admin.listPoolKeys().get(0).maxUsers());
        }
    }
}
