package dev.chillproxy.store.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    final TestClock clock = new TestClock();
    final CircuitBreaker breaker = new CircuitBreaker(StoreName.TORBOX,
            new BreakerSettings(3, Duration.ofSeconds(30)), clock);

    void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.record(breaker.admit(), CircuitBreaker.Outcome.FAILURE);
        }
    }

    @Test
    void opensAfterARunOfFailuresAndRefusesWithTheTimeLeft() {
        fail(2);
        assertEquals(CircuitState.CLOSED, breaker.state());
        assertEquals(2, breaker.health().consecutiveFailures());
        fail(1);
        assertEquals(CircuitState.OPEN, breaker.state());
        clock.advance(Duration.ofSeconds(3));
        StoreException e = assertThrows(StoreException.class, breaker::admit);
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, e.code());
        assertEquals(Duration.ofSeconds(27), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("torbox is failing; not calling it for 27 s"), e.getMessage());
        StoreHealth health = breaker.health();
        assertEquals(new StoreHealth(StoreName.TORBOX, CircuitState.OPEN, 3, Duration.ofSeconds(27)), health);
    }

    @Test
    void aSuccessBreaksTheRun() {
        fail(2);
        breaker.record(breaker.admit(), CircuitBreaker.Outcome.SUCCESS);
        fail(2);
        assertEquals(CircuitState.CLOSED, breaker.state());
        assertEquals(2, breaker.health().consecutiveFailures());
    }

    @Test
    void afterTheCoolDownOneProbeDecides() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(CircuitState.HALF_OPEN, breaker.state());
        assertTrue(breaker.admit(), "the first caller is the probe");
        StoreException e = assertThrows(StoreException.class, breaker::admit);
        assertTrue(e.getMessage().contains("a probe call is in flight"), e.getMessage());
        breaker.record(true, CircuitBreaker.Outcome.FAILURE);
        assertEquals(CircuitState.OPEN, breaker.state(), "a failed probe opens it again for a full cool-down");
        assertEquals(Duration.ofSeconds(30), breaker.health().openFor());

        clock.advance(Duration.ofSeconds(30));
        assertTrue(breaker.admit());
        breaker.record(true, CircuitBreaker.Outcome.SUCCESS);
        assertEquals(new StoreHealth(StoreName.TORBOX, CircuitState.CLOSED, 0, Duration.ZERO), breaker.health());
        assertFalse(breaker.admit());
    }

    @Test
    void aNeutralProbeFreesTheSlotWithoutDeciding() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(breaker.admit());
        breaker.record(true, CircuitBreaker.Outcome.NEUTRAL);
        assertEquals(CircuitState.HALF_OPEN, breaker.state());
        assertTrue(breaker.admit(), "the next caller probes instead");
    }

    @Test
    void lateOutcomesOfCallsAdmittedBeforeItOpenedAreIgnored() {
        boolean early = breaker.admit();
        fail(3);
        breaker.record(early, CircuitBreaker.Outcome.SUCCESS);
        assertEquals(CircuitState.OPEN, breaker.state());
    }

    @Test
    void aBreakerOpenedByOneInstanceFailsCallsOnAnotherUntilAProbeClosesIt() {
        Map<StoreName, Instant> openUntil = new EnumMap<>(StoreName.class);
        SharedBreakerState shared = new SharedBreakerState() {
            @Override
            public Duration openFor(StoreName store) {
                Instant until = openUntil.get(store);
                return until == null || !until.isAfter(clock.instant()) ? Duration.ZERO : Duration.between(clock.instant(), until);
            }

            @Override
            public void opened(StoreName store, Duration coolDown) {
                openUntil.put(store, clock.instant().plus(coolDown));
            }

            @Override
            public void closed(StoreName store) {
                openUntil.remove(store);
            }
        };
        BreakerSettings settings = new BreakerSettings(3, Duration.ofSeconds(30));
        CircuitBreaker first = new CircuitBreaker(StoreName.TORBOX, settings, clock, shared);
        CircuitBreaker second = new CircuitBreaker(StoreName.TORBOX, settings, clock, shared);
        for (int i = 0; i < 3; i++) {
            first.record(first.admit(), CircuitBreaker.Outcome.FAILURE);
        }
        clock.advance(Duration.ofSeconds(10));
        StoreException e = assertThrows(StoreException.class, second::admit);
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, e.code());
        assertEquals(Duration.ofSeconds(20), e.retryAfter().orElseThrow());
        assertEquals(new StoreHealth(StoreName.TORBOX, CircuitState.OPEN, 0, Duration.ofSeconds(20)), second.health());
        assertFalse(new CircuitBreaker(StoreName.REALDEBRID, settings, clock, shared).admit(), "other services are open");

        clock.advance(Duration.ofSeconds(20));
        assertTrue(first.admit());
        first.record(true, CircuitBreaker.Outcome.SUCCESS);
        assertFalse(second.admit(), "closed everywhere once a probe succeeded");
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new BreakerSettings(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new BreakerSettings(1, Duration.ofSeconds(-1)));
    }
}
