package dev.chillproxy.server.torz;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.store.http.BudgetLedger;
import dev.chillproxy.store.http.LocalBudgetLedger;

/**
 * How many torrents one pool user may add per hour ({@code USER_ADDS_PER_HOUR}), so one user cannot spend a shared
 * key's hourly {@code createtorrent} budget (TorBox: 60/h) for everyone on it. A sliding hour: a spent add comes back
 * exactly one hour later. Kept in a {@link BudgetLedger}: this instance's memory, or shared by every instance (then the
 * quota holds over all of them). Thread-safe.
 */
public final class UserAddQuota {

    static final Duration WINDOW = Duration.ofHours(1);

    private final BudgetLedger ledger;
    private final List<BudgetLedger.Window> windows;

    /** In this instance's memory. */
    public UserAddQuota(int perHour, Ticker ticker) {
        this(perHour, new LocalBudgetLedger(() -> Instant.ofEpochSecond(0, ticker.read())));
    }

    public UserAddQuota(int perHour, BudgetLedger ledger) {
        if (perHour < 1) {
            throw new IllegalArgumentException("USER_ADDS_PER_HOUR must be at least 1");
        }
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.windows = List.of(new BudgetLedger.Window("hour", perHour, WINDOW));
    }

    /** Spends one add of {@code userId}: empty when allowed, else how long until one comes back. */
    Optional<Duration> take(String userId) {
        Duration wait = ledger.tryAcquire("adds:" + userId, windows);
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }
}
