package dev.chillproxy.store.http;

/**
 * The permits of one {@link RateWindow} for one key: a bucket of {@code permits} tokens where each spent token
 * comes back exactly one window after it was spent. Unlike a bucket that refills at a steady rate (which lets
 * a full bucket plus a window's refill, up to twice the limit, through in one window), this never allows more
 * than {@code permits} requests in any window, which is what "300 per minute" promises the upstream.
 *
 * <p>Not thread-safe: its owner ({@link KeyBudgets}) guards it. Memory: one {@code long} per permit.
 */
final class PermitLog {

    private final long windowNanos;
    private final long[] spentAt;
    private int next;
    private int spent;

    PermitLog(RateWindow rule) {
        this.windowNanos = rule.window().toNanos();
        this.spentAt = new long[rule.permits()];
    }

    /** Nanoseconds until a token is free at {@code now}; 0 when one is free now. */
    long waitNanos(long now) {
        if (spent < spentAt.length) {
            return 0;
        }
        // the ring is full: spentAt[next] is the oldest spend, and its token returns one window later
        return Math.max(0, spentAt[next] + windowNanos - now);
    }

    /** Spends a token; callers check {@link #waitNanos(long)} first. */
    void spend(long now) {
        spentAt[next] = now;
        next = (next + 1) % spentAt.length;
        spent = Math.min(spent + 1, spentAt.length);
    }
}
