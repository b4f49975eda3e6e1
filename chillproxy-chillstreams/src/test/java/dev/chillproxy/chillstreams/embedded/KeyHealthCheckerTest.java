package dev.chillproxy.chillstreams.embedded;

import static dev.chillproxy.chillstreams.embedded.PoolFixture.keyIdOf;
import static dev.chillproxy.chillstreams.embedded.PoolFixture.torboxKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Engine;

class KeyHealthCheckerTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void probeResultsBecomeHealthAndMoveUsersOffBadKeys(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            String first = f.admin.createPoolKey(torboxKey(1), null, null, null).id();
            String user = f.admin.createUser(null, null).id();
            assertEquals(first, keyIdOf(f.get(user, "d")));
            String second = f.admin.createPoolKey(torboxKey(2), null, null, null).id();
            Map<String, ProbeResult> answers = new ConcurrentHashMap<>(Map.of(
                    torboxKey(1), new ProbeResult.Unauthorized(), torboxKey(2), new ProbeResult.Error("timeout")));

            try (KeyHealthChecker checker = new KeyHealthChecker(f.database(), f.cipher, (service, key) -> answers.get(key.reveal()),
                    f.clock, Duration.ZERO)) {
                checker.start();
                checker.checkNow();
                assertEquals(Map.of(first, "failing", second, "degraded"), statuses(f));
                assertEquals(second, keyIdOf(f.get(user, "d")), "a degraded key still serves when nothing better is left");

                answers.put(torboxKey(1), new ProbeResult.Ok());
                answers.put(torboxKey(2), new ProbeResult.Throttled(f.clock.instant().plus(Duration.ofMinutes(10))));
                checker.checkNow();
                assertEquals(Map.of(first, "healthy", second, "cooldown"), statuses(f));
                assertNotEquals(second, keyIdOf(f.get(user, "d")));
                assertEquals("check: ok", f.admin.keyHealthHistory(first).get(0).detail());
            }
        }
    }

    private static Map<String, String> statuses(PoolFixture f) {
        Map<String, String> statuses = new ConcurrentHashMap<>();
        f.admin.listPoolKeys().forEach(k -> statuses.put(k.id(), k.status()));
        return statuses;
    }
}
