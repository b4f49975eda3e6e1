package dev.chillproxy.store.http;

/**
 * The spends of one window for one subject: a ring of the last {@code permits} spend times, where each spent permit
 * comes back exactly one window after it was spent. Unlike a bucket that refills at a steady rate (which lets a full
 * bucket plus a window's refill, up to twice the limit, through in one window), this never allows more than
 * {@code permits} requests in any window, which is what "300 per minute" promises the upstream.
 *
 * <p>Not thread-safe: its owner ({@link LocalBudgetLedger}) guards it. Memory: one {@code long} per permit.
 */
final class PermitLog {

    private final long windowNanos;
    private final long[] spentAt;
    private int next;
    private int spent;

    PermitLog(BudgetLedger.Window window) {
        this.windowNanos = window.length().toNanos();
        this.spentAt = new long[window.permits()];
    }

    /**
     * Nanoseconds until one more spend fits at {@code now} when only {@code allowed} (at most the window's permits)
     * spends may fall in a window; 0 when one fits now. With {@code allowed} 0 nothing ever fits.
     */
    long waitNanos(long now, int allowed) {
        if (allowed <= 0) {
            return windowNanos;
        }
        int limit = Math.min(allowed, spentAt.length);
        if (spent < limit) {
            return 0;
        }
        // the limit-th newest spend: once its permit is back, fewer than limit spends fall in the window
        long oldest = spentAt[Math.floorMod(next - limit, spentAt.length)];
        return Math.max(0, oldest + windowNanos - now);
    }

    /** Records a spend; callers check {@link #waitNanos} first (or record one another ledger granted). */
    void spend(long now) {
        spentAt[next] = now;
        next = (next + 1) % spentAt.length;
        spent = Math.min(spent + 1, spentAt.length);
    }

    long windowNanos() {
        return windowNanos;
    }
}
