package dev.chillproxy.store.http;

import dev.chillproxy.core.store.StoreName;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Outbound budgets and circuit breaker settings for the stores, with the clock they run on (tests pass a fake).
 *
 * @param budgets        per-service budgets; a service not listed gets {@link BudgetPlan#defaultFor(StoreName)}
 * @param sharedLedger   where every service's budgets are recorded when several instances share them; empty = each
 *                       service keeps its own in this instance's memory
 * @param sharedBreakers the breakers' open state as every instance sees it
 */
public record ResilienceSettings(InstantSource clock, BreakerSettings breaker, Map<StoreName, BudgetPlan> budgets,
                                 Optional<BudgetLedger> sharedLedger, SharedBreakerState sharedBreakers) {

    public ResilienceSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(breaker, "breaker");
        budgets = Map.copyOf(Objects.requireNonNull(budgets, "budgets"));
        Objects.requireNonNull(sharedLedger, "sharedLedger");
        Objects.requireNonNull(sharedBreakers, "sharedBreakers");
    }

    /** Limits of this instance alone. */
    public ResilienceSettings(InstantSource clock, BreakerSettings breaker, Map<StoreName, BudgetPlan> budgets) {
        this(clock, breaker, budgets, Optional.empty(), SharedBreakerState.none());
    }

    /** Published limits per key, breaker at 5 failures / 30 s, system clock. */
    public static ResilienceSettings defaults() {
        return new ResilienceSettings(Clock.systemUTC(), BreakerSettings.defaults(), Map.of());
    }

    /** The same settings with budgets and breaker state shared by every instance. */
    public ResilienceSettings shared(BudgetLedger ledger, SharedBreakerState breakers) {
        return new ResilienceSettings(clock, breaker, budgets, Optional.of(ledger), breakers);
    }

    public BudgetPlan budgetFor(StoreName store) {
        return budgets.getOrDefault(store, BudgetPlan.defaultFor(store));
    }
}
