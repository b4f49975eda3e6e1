package dev.chillproxy.store.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chillproxy.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalBudgetLedgerTest {

    static final BudgetLedger.Window HOURLY = new BudgetLedger.Window("hour", 60, Duration.ofHours(1));
    static final BudgetLedger.Window MINUTE = new BudgetLedger.Window("minute", 10, Duration.ofMinutes(1));

    final TestClock clock = new TestClock();
    final AtomicInteger instances = new AtomicInteger(1);
    final LocalBudgetLedger ledger = new LocalBudgetLedger(clock, instances::get);

    int granted(String subject, int attempts, List<BudgetLedger.Window> windows) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            granted += ledger.tryAcquire(subject, windows).isZero() ? 1 : 0;
        }
        return granted;
    }

    @Test
    void withThreeLiveInstancesEachGetsAThirdOfTheLimitRoundedDown() {
        instances.set(3);
        assertEquals(3, granted("k", 20, List.of(HOURLY, MINUTE)), "10/min over 3 instances: 3 each");
        assertEquals(Duration.ofMinutes(1), ledger.tryAcquire("k", List.of(HOURLY, MINUTE)));
        instances.set(20);
        assertEquals(0, granted("other", 5, List.of(MINUTE)), "fewer permits than instances: none, never one too many");
    }

    @Test
    void spendsRecordedForAnotherLedgerCountWhenThisOneTakesOver() {
        for (int i = 0; i < 25; i++) {
            ledger.record("k", List.of(HOURLY));
        }
        instances.set(2);
        assertEquals(5, granted("k", 10, List.of(HOURLY)), "30 of 60 is this instance's share; 25 are spent already");
    }

    @Test
    void aSubjectIsKeptWhileAPermitIsOutAndForgottenOnceIdleForItsLongestWindow() {
        for (int i = 0; i < 1000; i++) {
            ledger.tryAcquire("key-" + i, List.of(HOURLY, MINUTE));
        }
        ledger.tryAcquire("lister", List.of(MINUTE));
        assertEquals(1001, ledger.trackedSubjects());
        clock.advance(Duration.ofMinutes(59));
        assertEquals(1000, ledger.trackedSubjects(), "an hour has not passed: hourly permits are still out");
        assertEquals(59, granted("key-1", 100, List.of(HOURLY)), "a tracked subject keeps its spends");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, ledger.trackedSubjects());
    }
}
