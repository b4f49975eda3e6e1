package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import dev.chillproxy.core.testing.TestClock;
import org.junit.jupiter.api.Test;

class UserAddQuotaTest {

    private final TestClock clock = new TestClock();
    private final UserAddQuota quota = new UserAddQuota(3, clock::nanos);

    @Test
    void aUserGetsTheirAddsPerHourAndEachComesBackAnHourAfterItWasSpent() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), quota.take("u1"));
            clock.advance(Duration.ofMinutes(10));
        }
        assertEquals(Optional.of(Duration.ofMinutes(30)), quota.take("u1"), "the first add returns at minute 60");
        assertTrue(quota.take("u2").isEmpty(), "another user has their own quota");

        clock.advance(Duration.ofMinutes(30));
        assertTrue(quota.take("u1").isEmpty());
        assertTrue(quota.take("u1").isPresent(), "only one came back");
    }
}
