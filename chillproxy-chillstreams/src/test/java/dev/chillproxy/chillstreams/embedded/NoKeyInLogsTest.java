package dev.chillproxy.chillstreams.embedded;

import static dev.chillproxy.chillstreams.embedded.PoolFixture.torboxKey;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.core.torz.Access.Refusal;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;

/**
 * slf4j-simple writes to {@code System.err} at each call, so redirecting it captures every log line of a
 * whole scenario (at the level the test logging configuration lets through, warnings and errors here).
 */
class NoKeyInLogsTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aWholeScenarioNeverLogsOrThrowsAPoolKey(Engine engine) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder surfaced = new StringBuilder();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (PoolFixture f = new PoolFixture(engine)) {
            String first = f.admin.createPoolKey(torboxKey(1), "one", null, null).id();
            String second = f.admin.createPoolKey(torboxKey(2), "two", null, null).id();
            String user = f.admin.createUser(null, null).id();
            Grant grant = f.get(user, "d1");
            surfaced.append(grant).append(f.admin.listPoolKeys()).append(f.admin.getUser(user));
            f.pool.reportKeyProblem(first, new KeyProblem.Unauthorized());
            f.pool.reportKeyProblem(second, new KeyProblem.Throttled(f.clock.instant().plus(Duration.ofMinutes(1))));
            surfaced.append(f.get(user, "d1"));
            try {
                f.admin.createPoolKey(torboxKey(1), null, null, null);
            } catch (PoolAdminException e) {
                surfaced.append(e.getMessage());
            }
            f.clock.advance(Duration.ofMinutes(2));
            // a pool opened with the wrong encryption key fails closed and logs why, without the key
            EmbeddedPool wrongKey = new EmbeddedPool(f.database(), PoolKeyCipher.of(PoolKeyCipher.generateKey()), f.clock);
            Grant.Denied denied = assertInstanceOf(Grant.Denied.class, wrongKey.getKey(
                    new dev.chillproxy.chillstreams.pool.GetKeyRequest(user, "d1", "stream-list", "")));
            assertTrue(denied.reason() == Refusal.POOL_UNREACHABLE);
            surfaced.append(denied);
            try (KeyHealthChecker checker = new KeyHealthChecker(f.database(), f.cipher,
                    (service, key) -> new ProbeResult.Error("upstream 500"), f.clock, Duration.ZERO)) {
                checker.checkNow();
            }
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("refused by the store") && logs.contains("could not answer get-key"),
                "the scenario's warnings were captured: " + logs);
        for (String key : List.of(torboxKey(1), torboxKey(2))) {
            assertFalse(logs.contains(key), "a pool key was logged");
            assertFalse(logs.contains(key.substring(0, 20)), "part of a pool key was logged");
            assertFalse(surfaced.toString().contains(key), "a pool key reached a result or message");
        }
    }
}
