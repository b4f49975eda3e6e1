package dev.chillproxy.store.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the spends of sliding-window budgets are recorded: this instance's memory ({@link LocalBudgetLedger}), or a
 * store every instance shares, so several instances together stay within one key's limit. Implementations are
 * thread-safe.
 */
public interface BudgetLedger {

    /**
     * One sliding window of a subject: at most {@code permits} spends in any {@code length}.
     *
     * @param name unique among the windows of a subject, and stable: a shared ledger keys its log by it
     */
    record Window(String name, int permits, Duration length) {
        public Window {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(length, "length");
            if (permits < 1 || length.isZero() || length.isNegative()) {
                throw new IllegalArgumentException("a window needs at least one permit and a positive length");
            }
        }
    }

    /**
     * Spends one permit of every window, all at once, and answers {@link Duration#ZERO}; or spends nothing and
     * answers how long until every window has a permit. Check and spend are one atomic step over all windows.
     *
     * @param subject who spends, e.g. a store and a key's fingerprint; never a secret
     */
    Duration tryAcquire(String subject, List<Window> windows);
}
