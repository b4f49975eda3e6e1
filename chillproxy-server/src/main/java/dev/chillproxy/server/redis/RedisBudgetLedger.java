package dev.chillproxy.server.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.chillproxy.store.http.BudgetLedger;
import dev.chillproxy.store.http.LocalBudgetLedger;

/**
 * Sliding-window budgets in Redis, exact over every instance: one sorted set of spend times per subject and window,
 * checked and spent for all windows of a call in one Lua script ({@code sliding-log.lua}) on Redis's own clock. Keys
 * name the subject (a store and a key's fingerprint, or a user id), never a key, and expire one window after the last
 * spend.
 *
 * <p>While Redis is unreachable the {@code fallback} decides: this instance's share of each limit (the limit divided
 * by the live instances, rounded down). Every spend Redis grants is recorded in it too, so an instance that already
 * spent its share through Redis does not get a fresh one when Redis goes away. Thread-safe.
 */
final class RedisBudgetLedger implements BudgetLedger {

    private static final LuaScript SCRIPT = LuaScript.load("sliding-log.lua");

    private final RedisLink link;
    private final LocalBudgetLedger fallback;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();

    RedisBudgetLedger(RedisLink link, LocalBudgetLedger fallback) {
        this.link = Objects.requireNonNull(link, "link");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Duration tryAcquire(String subject, List<Window> windows) {
        List<String> keys = new ArrayList<>(windows.size());
        List<String> args = new ArrayList<>(1 + 2 * windows.size());
        args.add(instance + ":" + sequence.incrementAndGet()); // one member per spend, unique over instances
        for (Window window : windows) {
            // a hash tag around the subject keeps its windows on one node of a Redis cluster
            keys.add(link.key("budget:{" + subject + "}:" + window.name()));
            args.add(Integer.toString(window.permits()));
            args.add(Long.toString(window.length().toNanos() / 1_000));
        }
        Optional<Long> waitMicros = link.run(SCRIPT, keys, args, raw -> (Long) raw);
        if (waitMicros.isEmpty()) {
            return fallback.tryAcquire(subject, windows);
        }
        if (waitMicros.get() == 0) {
            fallback.record(subject, windows);
            return Duration.ZERO;
        }
        return Duration.ofNanos(waitMicros.get() * 1_000);
    }
}
