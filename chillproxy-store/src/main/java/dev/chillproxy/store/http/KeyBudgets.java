package dev.chillproxy.store.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Outbound request budgets of one service, per API key, so a pooled key never exceeds the service's published
 * limits: a call that does not fit fails fast with {@link ErrorCode#TOO_MANY_REQUESTS} and the time until it
 * would, without reaching the upstream, and the caller can move to another key.
 *
 * <p>Keys are tracked by a SHA-256 fingerprint, never by value, so a heap dump of the table shows no key.
 * A key idle for the plan's longest window has all its permits back and is dropped, which bounds memory.
 *
 * <p>Thread-safe: one lock per key, held only to check and spend.
 */
final class KeyBudgets {

    private static final long MAX_TRACKED_KEYS = 100_000;

    private final StoreName store;
    private final BudgetPlan plan;
    private final InstantSource clock;
    private final Cache<String, Ledger> ledgers;

    public KeyBudgets(StoreName store, BudgetPlan plan, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledgers = Caffeine.newBuilder()
                .ticker(() -> nanos(clock.instant()))
                .expireAfterAccess(plan.longestWindow())
                .maximumSize(MAX_TRACKED_KEYS)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Takes a permit of every window that applies to a request to {@code path} and answers {@link Duration#ZERO},
     * or takes nothing and answers how long until all of them have one.
     */
    public Duration tryAcquire(ApiKey key, String path) {
        Ledger ledger = ledgers.get(fingerprint(key), fingerprint -> new Ledger());
        long waitNanos = ledger.tryAcquire(plan.scopesFor(path), nanos(clock.instant()));
        return Duration.ofNanos(waitNanos);
    }

    /** Like {@link #tryAcquire} but throws {@link ErrorCode#TOO_MANY_REQUESTS} when the budget is spent. */
    public void acquire(ApiKey key, String path) {
        Duration wait = tryAcquire(key, path);
        if (!wait.isZero()) {
            long seconds = (wait.toMillis() + 999) / 1000;
            throw StoreException.ownLimit(store,
                    "this key's request budget is spent; next request allowed in " + seconds + " s", wait);
        }
    }

    /** How many keys are tracked now (approximate; tests check the memory bound). */
    long trackedKeys() {
        ledgers.cleanUp();
        return ledgers.estimatedSize();
    }

    static String fingerprint(ApiKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static long nanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    /** The permit logs of one key, created per scope on first use. */
    private final class Ledger {

        private final Map<String, List<PermitLog>> logs = new HashMap<>();

        synchronized long tryAcquire(List<String> scopes, long now) {
            List<PermitLog> applicable = new ArrayList<>();
            for (String scope : scopes) {
                applicable.addAll(logs.computeIfAbsent(scope,
                        s -> plan.windows(s).stream().map(PermitLog::new).toList()));
            }
            long wait = 0;
            for (PermitLog log : applicable) {
                wait = Math.max(wait, log.waitNanos(now));
            }
            if (wait == 0) {
                applicable.forEach(log -> log.spend(now));
            }
            return wait;
        }
    }
}
