package dev.chillproxy.store.http;

import dev.chillproxy.core.store.StoreName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outbound budget of one service per API key: windows every request counts against, plus extra windows
 * for requests whose URL path ends with a given suffix (an operation such as {@code /torrents/createtorrent}).
 * A request must fit every window that applies to it.
 *
 * @param general     windows for every request
 * @param byOperation extra windows keyed by URL path suffix
 */
public record BudgetPlan(List<RateWindow> general, Map<String, List<RateWindow>> byOperation) {

    /**
     * For services that publish no limit (Premiumize, Debrid-Link): the lowest limit any of the five publishes,
     * Real-Debrid's 250/min, so a pooled key never floods a service whose threshold nobody knows.
     */
    public static final int GENERIC_PER_MINUTE = 250;

    public BudgetPlan {
        general = List.copyOf(Objects.requireNonNull(general, "general"));
        byOperation = Objects.requireNonNull(byOperation, "byOperation").entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /**
     * TorBox's documented per-token limits: 300 requests/min for every endpoint, and {@code createtorrent} at
     * 60/hour with a 10/min edge. A {@code createtorrent} also counts against the 300/min, to stay on the
     * safe side where the documentation is silent.
     */
    public static BudgetPlan torbox() {
        return new BudgetPlan(List.of(RateWindow.perMinute(300)), Map.of("/torrents/createtorrent",
                List.of(RateWindow.perHour(60), RateWindow.perMinute(10))));
    }

    /** One general window of {@code perMinute} requests. */
    public static BudgetPlan perMinute(int perMinute) {
        return new BudgetPlan(List.of(RateWindow.perMinute(perMinute)), Map.of());
    }

    /** Real-Debrid's documented 250 requests/min per token (a refused call still counts, and bursts get blocked). */
    public static BudgetPlan realDebrid() {
        return perMinute(250);
    }

    /**
     * AllDebrid's 12 requests/s and 600/min per key, from a third-party summary of its docs (the reference marks it
     * observed, not confirmed); both windows apply.
     */
    public static BudgetPlan allDebrid() {
        return new BudgetPlan(List.of(RateWindow.perMinute(600), new RateWindow(12, Duration.ofSeconds(1))), Map.of());
    }

    /**
     * Each service's plan from its published limits. Premiumize (fair use is traffic, not requests) and Debrid-Link
     * ({@code floodDetected}, no number) publish none: they get {@link #GENERIC_PER_MINUTE}.
     */
    public static BudgetPlan defaultFor(StoreName store) {
        return switch (store) {
            case TORBOX -> torbox();
            case REALDEBRID -> realDebrid();
            case ALLDEBRID -> allDebrid();
            case PREMIUMIZE, DEBRIDLINK -> perMinute(GENERIC_PER_MINUTE);
        };
    }

    /** The scopes a request to {@code path} counts against: {@code ""} (general) and each matching suffix. */
    List<String> scopesFor(String path) {
        List<String> scopes = new ArrayList<>();
        scopes.add("");
        byOperation.keySet().stream().filter(path::endsWith).forEach(scopes::add);
        return scopes;
    }

    /** The windows of a scope from {@link #scopesFor(String)}. */
    List<RateWindow> windows(String scope) {
        return scope.isEmpty() ? general : byOperation.getOrDefault(scope, List.of());
    }

    /** The longest window: a key idle for this long has every token back. */
    Duration longestWindow() {
        return Stream.concat(general.stream(), byOperation.values().stream().flatMap(List::stream))
                .map(RateWindow::window).max(Duration::compareTo).orElse(Duration.ofMinutes(1));
    }
}
