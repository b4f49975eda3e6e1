package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * How many torrents one pool user may add per hour ({@code USER_ADDS_PER_HOUR}), so one user cannot spend a shared
 * key's hourly {@code createtorrent} budget (TorBox: 60/h) for everyone on it. A sliding hour: a spent add comes back
 * exactly one hour later. Users idle for an hour are forgotten (they have every add back), which bounds memory.
 * Per instance. Thread-safe: one lock per user, held only to check and spend.
 */
public final class UserAddQuota {

    static final Duration WINDOW = Duration.ofHours(1);
    private static final long MAX_TRACKED_USERS = 100_000;

    private final int perHour;
    private final Ticker ticker;
    private final Cache<String, Deque<Long>> spent;

    public UserAddQuota(int perHour, Ticker ticker) {
        if (perHour < 1) {
            throw new IllegalArgumentException("USER_ADDS_PER_HOUR must be at least 1");
        }
        this.perHour = perHour;
        this.ticker = ticker;
        this.spent = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(WINDOW).maximumSize(MAX_TRACKED_USERS)
                .executor(Runnable::run).build();
    }

    /** Spends one add of {@code userId}: empty when allowed, else how long until one comes back. */
    Optional<Duration> take(String userId) {
        long now = ticker.read();
        long window = WINDOW.toNanos();
        Deque<Long> adds = spent.get(userId, any -> new ArrayDeque<>());
        synchronized (adds) {
            while (!adds.isEmpty() && now - adds.peekFirst() >= window) {
                adds.pollFirst();
            }
            if (adds.size() >= perHour) {
                return Optional.of(Duration.ofNanos(adds.peekFirst() + window - now));
            }
            adds.addLast(now);
            return Optional.empty();
        }
    }
}
