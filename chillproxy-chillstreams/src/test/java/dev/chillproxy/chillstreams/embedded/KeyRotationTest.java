package dev.chillproxy.chillstreams.embedded;

import static dev.chillproxy.chillstreams.embedded.PoolFixture.keyIdOf;
import static dev.chillproxy.chillstreams.embedded.PoolFixture.torboxKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;

/**
 * Zero-downtime rotation: a key scheduled to retire keeps serving until a healthy, checked successor exists; then its
 * users move one by one on their next request; a torrent keeps playing through the key it was added with until that
 * key retires; at {@code retireAt} the key is gone.
 */
class KeyRotationTest {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotationTest.class);
    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

    /** An admin whose keys are checked when added (the fixture's admin adds keys unchecked). */
    private static PoolAdmin checkingAdmin(PoolFixture f, List<String> unhealthy) {
        return new PoolAdmin(f.database(), f.cipher, f.clock, (service, key) -> unhealthy.contains(key.reveal())
                ? new ProbeResult.Error("upstream 503") : new ProbeResult.Ok(), PoolChanges.none(), Optional.of(Duration.ofDays(90)));
    }

    private static Grant play(PoolFixture f, String user, String hash) {
        return f.pool.getKey(new GetKeyRequest(user, "tv", "stream-served", hash, "torbox"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void hundredUsersMoveFromARetiringKeyToItsSuccessorWithoutAFailedRequest(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            PoolAdmin admin = checkingAdmin(f, List.of());
            String old = admin.createPoolKey(torboxKey(1), "old", "torbox", 150).id();
            List<String> users = IntStream.range(0, 100).mapToObj(i -> admin.createUser(null, null).id()).toList();
            users.forEach(user -> assertEquals(old, keyIdOf(f.get(user, "tv"))));
            users.subList(0, 10).forEach(user -> assertEquals(old, keyIdOf(play(f, user, HASH))));

            Instant retireAt = f.clock.instant().plus(Duration.ofDays(7));
            admin.updatePoolKey(old, null, null, retireAt, false);
            // no successor yet: everyone stays, and nobody is refused
            users.forEach(user -> assertEquals(old, keyIdOf(f.get(user, "tv"))));
            assertFalse(admin.rotationPlan().get(0).successorReady());

            String successor = admin.createPoolKey(torboxKey(2), "new", "torbox", 150).id();
            RotationPlan plan = admin.rotationPlan().get(0);
            assertEquals(List.of(old, 100, true, List.of(successor)),
                    List.of(plan.id(), plan.usersOnKey(), plan.successorReady(), plan.successorIds()));

            List<Grant> answers = new CopyOnWriteArrayList<>();
            int requests = 0;
            List<Integer> stillOnOld = new ArrayList<>();
            for (int round = 0; round < 3; round++) { // three rounds of every user's next requests, list and play
                for (String user : users) {
                    answers.add(f.get(user, "tv"));
                    answers.add(play(f, user, HASH));
                    requests += 2;
                }
                stillOnOld.add(admin.rotationPlan().get(0).usersOnKey());
            }
            long failed = answers.stream().filter(Grant.Denied.class::isInstance).count();
            Map<String, Long> listingKeys = IntStream.range(0, answers.size()).filter(i -> i % 2 == 0)
                    .mapToObj(i -> keyIdOf(answers.get(i))).collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            // the ten who played HASH before keep playing it through the old key (the torrent is in its account)
            long affinityPlays = IntStream.range(0, answers.size()).filter(i -> i % 2 == 1)
                    .filter(i -> keyIdOf(answers.get(i)).equals(old)).count();
            LOG.info("rotation on {}: {} requests, {} failed, users on the old key after each round {}, listings per key {},"
                    + " plays kept on the old key {}", engine, requests, failed, stillOnOld, listingKeys, affinityPlays);

            assertEquals(0, failed);
            assertEquals(List.of(0, 0, 0), stillOnOld, "every user moved on their first request after the successor came");
            assertEquals(Map.of(successor, 300L), listingKeys);
            assertEquals(30, affinityPlays, "10 users x 3 rounds kept their torrent on the old key");

            f.clock.advance(Duration.ofDays(7));
            assertEquals(1, admin.retireDueKeys());
            assertTrue(users.stream().allMatch(user -> keyIdOf(play(f, user, HASH)).equals(successor)),
                    "after retirement every torrent plays through the successor");
            assertEquals("retired", admin.listPoolKeys().stream().filter(k -> k.id().equals(old)).findFirst().orElseThrow().status());
            assertEquals(List.of(), admin.rotationPlan());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void usersStayOnARetiringKeyUntilTheSuccessorIsCheckedAndHealthy(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            List<String> unhealthy = new CopyOnWriteArrayList<>();
            PoolAdmin admin = checkingAdmin(f, unhealthy);
            String old = admin.createPoolKey(torboxKey(1), null, null, 10, f.clock.instant().plus(Duration.ofDays(1))).id();
            String user = admin.createUser(null, null).id();
            assertEquals(old, keyIdOf(f.get(user, "tv")), "a retiring key still serves while it is the only one");

            String unchecked = f.admin.createPoolKey(torboxKey(3), null, null, 10).id(); // added without a check
            assertEquals(old, keyIdOf(f.get(user, "tv")), "a key never checked takes nobody from a retiring key");
            f.admin.retirePoolKey(unchecked);

            String successor = admin.createPoolKey(torboxKey(2), null, null, 10).id();
            KeyHealthChecker checker = new KeyHealthChecker(f.database(), f.cipher, (service, key) ->
                    unhealthy.contains(key.reveal()) ? new ProbeResult.Error("upstream 503") : new ProbeResult.Ok(),
                    f.clock, Duration.ZERO);
            unhealthy.add(torboxKey(2));
            checker.checkNow(); // the successor's latest check says degraded
            assertEquals(old, keyIdOf(f.get(user, "tv")), "a degraded successor takes nobody from a retiring key");

            unhealthy.clear();
            checker.checkNow();
            assertEquals(successor, keyIdOf(f.get(user, "tv")));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKeyIsNotHandedOutOnceItsRetirementTimeHasComeAndPastTimesAreRefused(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            PoolAdmin admin = checkingAdmin(f, List.of());
            String old = admin.createPoolKey(torboxKey(1), null, null, null).id();
            String user = admin.createUser(null, null).id();
            keyIdOf(f.get(user, "tv"));
            PoolAdminException past = assertThrows(PoolAdminException.class,
                    () -> admin.updatePoolKey(old, null, null, f.clock.instant().minusSeconds(1), false));
            assertEquals(PoolAdminException.Code.INVALID, past.code());

            admin.updatePoolKey(old, null, null, f.clock.instant().plusSeconds(60), false);
            f.clock.advance(Duration.ofSeconds(60));

            // before the scheduled retirement ran: refused for want of a key, never answered with the retired one
            assertInstanceOf(Grant.Denied.class, f.get(user, "tv"));
            assertEquals("retired", admin.listPoolKeys().get(0).status());
            PoolAdminException late = assertThrows(PoolAdminException.class,
                    () -> admin.updatePoolKey(old, null, null, null, true), "a key whose time has come cannot be revived");
            assertEquals(PoolAdminException.Code.CONFLICT, late.code());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void keysOlderThanTheRotationIntervalAreFlagged(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            PoolAdmin admin = checkingAdmin(f, List.of());
            admin.createPoolKey(torboxKey(1), null, null, null);
            assertFalse(admin.listPoolKeys().get(0).rotationDue());
            f.clock.advance(Duration.ofDays(90));
            assertTrue(admin.listPoolKeys().get(0).rotationDue());
            assertFalse(f.admin.listPoolKeys().get(0).rotationDue(), "no interval, no flag");
        }
    }
}
