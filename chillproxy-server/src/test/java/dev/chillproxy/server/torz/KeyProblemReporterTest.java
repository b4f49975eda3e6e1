package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.chillproxy.server.fakes.FakePool;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyProblemReporterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Access.Granted TORBOX_POOL_KEY = new Access.Granted(ApiKey.of("pool-key-0123456789"), "pk-1",
            "user-1", "tb");

    private final FakePool pool = new FakePool(new Grant.Allowed(ApiKey.of("unused"), "unused", 1));
    private final KeyProblemReporter reporter = new KeyProblemReporter(pool, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theKeysOwnServiceRefusingOrThrottlingItIsReported() {
        reporter.report(TORBOX_POOL_KEY, new StoreException(StoreName.TORBOX, ErrorCode.UNAUTHORIZED, 401, "revoked"));
        reporter.report(TORBOX_POOL_KEY, new StoreException(StoreName.TORBOX, ErrorCode.TOO_MANY_REQUESTS, 429, null,
                "slow down", Duration.ofSeconds(30)));

        assertEquals(List.of(new FakePool.Problem("pk-1", new KeyProblem.Unauthorized()),
                new FakePool.Problem("pk-1", new KeyProblem.Throttled(NOW.plusSeconds(30)))), pool.problems);
    }

    /** Another service's 401 says nothing about a TorBox key (and a user could provoke it at will). */
    @ParameterizedTest
    @EnumSource(value = StoreName.class, names = "TORBOX", mode = EnumSource.Mode.EXCLUDE)
    void anotherServicesAnswerIsNeverHeldAgainstTheKey(StoreName other) {
        for (ErrorCode code : List.of(ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN, ErrorCode.TOO_MANY_REQUESTS)) {
            reporter.report(TORBOX_POOL_KEY, new StoreException(other, code, code.httpStatus(), "no"));
        }

        assertTrue(pool.problems.isEmpty(), pool.problems.toString());
    }

    /** Our own per-key budget running out is not TorBox throttling the key: no cooldown. */
    @Test
    void ourOwnBudgetRunningOutIsNoKeyProblem() {
        reporter.report(TORBOX_POOL_KEY, StoreException.ownLimit(StoreName.TORBOX, "budget spent", Duration.ofMinutes(55)));

        assertTrue(pool.problems.isEmpty(), pool.problems.toString());
    }
}
