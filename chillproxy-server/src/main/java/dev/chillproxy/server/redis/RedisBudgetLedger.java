package dev.chillproxy.server.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
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
 * spent its share through Redis does not get a fresh one when Redis goes away; and every spend the fallback grants is
 * written to Redis when it is back ({@code record-spend.lua}, dated by its age), so the instances count it too.
 * Thread-safe.
 */
final class RedisBudgetLedger implements BudgetLedger {

    private static final LuaScript SPEND = LuaScript.load("sliding-log.lua");
    private static final LuaScript RECORD = LuaScript.load("record-spend.lua");
    /** Spends kept for Redis while it is away; beyond this (a very long outage) the oldest are not written back. */
    private static final int MAX_PENDING = 100_000;

    /** A spend granted while Redis was away, waiting to be written to it. */
    private record Pending(String subject, List<Window> windows, String member, Instant at) {
    }

    private final RedisLink link;
    private final LocalBudgetLedger fallback;
    private final InstantSource clock;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

    RedisBudgetLedger(RedisLink link, LocalBudgetLedger fallback, InstantSource clock) {
        this.link = Objects.requireNonNull(link, "link");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.clock = Objects.requireNonNull(clock, "clock");
        link.whenBack(this::writeBack);
    }

    @Override
    public Duration tryAcquire(String subject, List<Window> windows) {
        String member = instance + ":" + sequence.incrementAndGet(); // one member per spend, unique over instances
        List<String> args = new ArrayList<>(1 + 2 * windows.size());
        args.add(member);
        for (Window window : windows) {
            args.add(Integer.toString(window.permits()));
            args.add(Long.toString(micros(window.length())));
        }
        Optional<Long> waitMicros = link.run(SPEND, keys(subject, windows), args, raw -> (Long) raw);
        if (waitMicros.isEmpty()) {
            Duration wait = fallback.tryAcquire(subject, windows);
            if (wait.isZero()) {
                keepForRedis(new Pending(subject, windows, member, clock.instant()));
            }
            return wait;
        }
        if (waitMicros.get() == 0) {
            fallback.record(subject, windows);
            return Duration.ZERO;
        }
        return Duration.ofNanos(waitMicros.get() * 1_000);
    }

    private void keepForRedis(Pending spend) {
        if (pendingCount.incrementAndGet() <= MAX_PENDING) {
            pending.add(spend);
        } else {
            pendingCount.decrementAndGet();
        }
    }

    /** Writes the spends granted while Redis was away; stops (keeping the rest) if it goes away again. */
    private void writeBack() {
        for (Pending spend = pending.poll(); spend != null; spend = pending.poll()) {
            pendingCount.decrementAndGet();
            List<String> args = new ArrayList<>(2 + spend.windows().size());
            args.add(spend.member());
            args.add(Long.toString(micros(Duration.between(spend.at(), clock.instant()))));
            spend.windows().forEach(window -> args.add(Long.toString(micros(window.length()))));
            if (link.run(RECORD, keys(spend.subject(), spend.windows()), args, raw -> raw).isEmpty()) {
                keepForRedis(spend);
                return;
            }
        }
    }

    private List<String> keys(String subject, List<Window> windows) {
        // a hash tag around the subject keeps its windows on one node of a Redis cluster
        return windows.stream().map(window -> link.key("budget:{" + subject + "}:" + window.name())).toList();
    }

    private static long micros(Duration duration) {
        return Math.max(0, duration.toNanos() / 1_000);
    }
}
