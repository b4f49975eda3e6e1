package dev.chillproxy.store.http;

import dev.chillproxy.core.store.StoreName;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * Outbound budgets and circuit breaker settings for the stores, with the clock they run on (tests pass a fake).
 *
 * @param budgets per-service budgets; a service not listed gets {@link BudgetPlan#defaultFor(StoreName)}
 */
public record ResilienceSettings(InstantSource clock, BreakerSettings breaker, Map<StoreName, BudgetPlan> budgets) {

    public ResilienceSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(breaker, "breaker");
        budgets = Map.copyOf(Objects.requireNonNull(budgets, "budgets"));
    }

    /** Published limits per key, breaker at 5 failures / 30 s, system clock. */
    public static ResilienceSettings defaults() {
        return new ResilienceSettings(Clock.systemUTC(), BreakerSettings.defaults(), Map.of());
    }

    public BudgetPlan budgetFor(StoreName store) {
        return budgets.getOrDefault(store, BudgetPlan.defaultFor(store));
    }
}
