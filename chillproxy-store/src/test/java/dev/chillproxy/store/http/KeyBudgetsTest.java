package dev.chillproxy.store.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyBudgetsTest {

    static final ApiKey KEY = ApiKey.of("budget-key-0123456789abcdef");
    static final ApiKey OTHER = ApiKey.of("other-key-fedcba9876543210");
    static final String LIST = "/v1/api/torrents/mylist";
    static final String CREATE = "/v1/api/torrents/createtorrent";

    final TestClock clock = new TestClock();
    final KeyBudgets torbox = new KeyBudgets(StoreName.TORBOX, BudgetPlan.torbox(), clock);

    @Test
    void the301stRequestInAMinuteWaitsForTheFirstToLeaveTheWindow() {
        for (int i = 0; i < 300; i++) {
            torbox.acquire(KEY, LIST);
            clock.advance(Duration.ofMillis(100)); // 300 requests over 30 s
        }
        StoreException e = assertThrows(StoreException.class, () -> torbox.acquire(KEY, LIST));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, e.code());
        assertEquals(0, e.upstreamStatus());
        assertTrue(e.isOwnLimit(), "our own budget: nothing reached TorBox, nothing is wrong with the key");
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("30 s"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY.reveal()), e.getMessage());
        assertEquals(Duration.ZERO, torbox.tryAcquire(OTHER, LIST), "another key has its own budget");
    }

    @Test
    void aRefusedRequestSpendsNothingAndTheBudgetRefillsWithTheClock() {
        for (int i = 0; i < 300; i++) {
            torbox.acquire(KEY, LIST);
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(Duration.ofMinutes(1), torbox.tryAcquire(KEY, LIST));
        }
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Duration.ofSeconds(1), torbox.tryAcquire(KEY, LIST));
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 300; i++) {
            torbox.acquire(KEY, LIST);
        }
        assertFalse(torbox.tryAcquire(KEY, LIST).isZero());
    }

    @Test
    void createTorrentKeepsTheTenPerMinuteEdgeAndSixtyPerHour() {
        for (int minute = 0; minute < 6; minute++) {
            for (int i = 0; i < 10; i++) {
                torbox.acquire(KEY, CREATE);
            }
            Duration wait = torbox.tryAcquire(KEY, CREATE);
            // the 11th in a minute waits for the edge, until the 60 of the hour are spent too
            assertEquals(minute < 5 ? Duration.ofMinutes(1) : Duration.ofMinutes(55), wait);
            clock.advance(Duration.ofMinutes(1));
        }
        // 60 created in the first 6 minutes: the 61st waits until the first is an hour old
        StoreException e = assertThrows(StoreException.class, () -> torbox.acquire(KEY, CREATE));
        assertEquals(Duration.ofMinutes(54), e.retryAfter().orElseThrow());
        assertEquals(Duration.ZERO, torbox.tryAcquire(KEY, LIST), "other endpoints keep their own budget");
        clock.advance(Duration.ofMinutes(54));
        assertEquals(Duration.ZERO, torbox.tryAcquire(KEY, CREATE));
    }

    @Test
    void createTorrentAlsoCountsAgainstTheGeneralBudget() {
        for (int i = 0; i < 300; i++) {
            torbox.acquire(KEY, LIST);
        }
        assertEquals(Duration.ofMinutes(1), torbox.tryAcquire(KEY, CREATE));
    }

    @Test
    void otherServicesGetTheGenericBudgetAndPlansAreConfigurable() {
        KeyBudgets generic = new KeyBudgets(StoreName.REALDEBRID, BudgetPlan.defaultFor(StoreName.REALDEBRID), clock);
        for (int i = 0; i < BudgetPlan.GENERIC_PER_MINUTE; i++) {
            generic.acquire(KEY, "/rest/1.0/torrents/addMagnet");
        }
        assertFalse(generic.tryAcquire(KEY, "/rest/1.0/torrents").isZero());

        BudgetPlan tight = new BudgetPlan(List.of(new RateWindow(2, Duration.ofSeconds(10))),
                Map.of("/add", List.of(new RateWindow(1, Duration.ofHours(1)))));
        KeyBudgets custom = new KeyBudgets(StoreName.ALLDEBRID, tight, clock);
        custom.acquire(KEY, "/v4/magnet/add");
        assertEquals(Duration.ofHours(1), custom.tryAcquire(KEY, "/v4/magnet/add"));
        custom.acquire(KEY, "/v4/user");
        assertEquals(Duration.ofSeconds(10), custom.tryAcquire(KEY, "/v4/user"));
    }

    @Test
    void keysAreKnownByAFingerprintOnlyEvenToTheLedger() {
        String fingerprint = KeyBudgets.fingerprint(KEY);
        assertEquals(32, fingerprint.length());
        assertFalse(fingerprint.contains(KEY.reveal().substring(0, 8)));
        assertEquals(fingerprint, KeyBudgets.fingerprint(ApiKey.of(KEY.reveal())));
        assertFalse(fingerprint.equals(KeyBudgets.fingerprint(OTHER)));

        List<String> subjects = new ArrayList<>();
        KeyBudgets recorded = new KeyBudgets(StoreName.TORBOX, BudgetPlan.torbox(), (subject, windows) -> {
            subjects.add(subject + " " + windows.stream().map(BudgetLedger.Window::name).toList());
            return Duration.ZERO;
        });
        recorded.acquire(KEY, CREATE);
        assertEquals(List.of("torbox:" + fingerprint + " [all:60000ms:300, /torrents/createtorrent:3600000ms:60, "
                + "/torrents/createtorrent:60000ms:10]"), subjects);
    }

    @Test
    void rejectsNonsenseWindows() {
        assertThrows(IllegalArgumentException.class, () -> new RateWindow(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new RateWindow(1, Duration.ZERO));
    }
}
