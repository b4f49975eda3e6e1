package dev.chillproxy.store.http;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Outbound request budgets of one service, per API key, so a pooled key never exceeds the service's published
 * limits: a call that does not fit fails fast with {@link ErrorCode#TOO_MANY_REQUESTS} and the time until it
 * would, without reaching the upstream, and the caller can move to another key.
 *
 * <p>Keys are tracked by a SHA-256 fingerprint, never by value, so neither a heap dump nor a shared ledger (Redis)
 * shows a key. The {@link BudgetLedger} does the exact sliding-window bookkeeping: this instance's memory by default.
 *
 * <p>Thread-safe.
 */
final class KeyBudgets {

    private final StoreName store;
    private final BudgetPlan plan;
    private final BudgetLedger ledger;

    /** Budgets of this instance alone. */
    public KeyBudgets(StoreName store, BudgetPlan plan, InstantSource clock) {
        this(store, plan, new LocalBudgetLedger(clock));
    }

    /** @param ledger where spends are recorded; a shared one makes the limits hold over every instance */
    public KeyBudgets(StoreName store, BudgetPlan plan, BudgetLedger ledger) {
        this.store = Objects.requireNonNull(store, "store");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * Takes a permit of every window that applies to a request to {@code path} and answers {@link Duration#ZERO},
     * or takes nothing and answers how long until all of them have one.
     */
    public Duration tryAcquire(ApiKey key, String path) {
        return ledger.tryAcquire(store.id() + ":" + fingerprint(key), windowsFor(path));
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

    /** Every window of the plan that applies to {@code path}, named by scope, length and permits. */
    List<BudgetLedger.Window> windowsFor(String path) {
        List<BudgetLedger.Window> windows = new ArrayList<>();
        for (String scope : plan.scopesFor(path)) {
            for (RateWindow rule : plan.windows(scope)) {
                String name = (scope.isEmpty() ? "all" : scope) + ":" + rule.window().toMillis() + "ms:" + rule.permits();
                windows.add(new BudgetLedger.Window(name, rule.permits(), rule.window()));
            }
        }
        return windows;
    }

    static String fingerprint(ApiKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
