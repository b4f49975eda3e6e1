package dev.chillproxy.store.registry;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.Store;
import dev.chillproxy.store.StoreEndpoints;
import dev.chillproxy.store.alldebrid.AllDebridStore;
import dev.chillproxy.store.debridlink.DebridLinkStore;
import dev.chillproxy.store.http.HttpSettings;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.http.StoreHealth;
import dev.chillproxy.store.http.UpstreamHttp;
import dev.chillproxy.store.premiumize.PremiumizeStore;
import dev.chillproxy.store.realdebrid.RealDebridStore;
import dev.chillproxy.store.torbox.TorBoxStore;
import okhttp3.OkHttpClient;

/**
 * The five stores, built on one shared client, and a read-only view of each one's circuit breaker; immutable
 * and thread-safe.
 *
 * @param health per service, the current breaker snapshot (read on every call, never cached)
 */
public record StoreSet(Map<StoreName, Store> stores, Map<StoreName, Supplier<StoreHealth>> health) {

    public StoreSet {
        stores = Map.copyOf(Objects.requireNonNull(stores, "stores"));
        health = Map.copyOf(Objects.requireNonNull(health, "health"));
    }

    /** Stores without health views (tests, fakes). */
    public StoreSet(Map<StoreName, Store> stores) {
        this(stores, Map.of());
    }

    /**
     * Builds every store with default timeouts and retries.
     *
     * @param userAgent e.g. {@code chillproxy/0.1.0}; Real-Debrid gets {@code curl/8.7.1} as StremThru does,
     *                  because RD has banned app User-Agents before
     */
    public static StoreSet create(OkHttpClient shared, ObjectMapper json, StoreEndpoints endpoints, String userAgent) {
        return create(shared, json, endpoints, userAgent, ResilienceSettings.defaults());
    }

    /** Like {@link #create(OkHttpClient, ObjectMapper, StoreEndpoints, String)} with explicit budgets and breaker. */
    public static StoreSet create(OkHttpClient shared, ObjectMapper json, StoreEndpoints endpoints, String userAgent,
                                  ResilienceSettings resilience) {
        HttpSettings settings = HttpSettings.defaults(userAgent);
        Map<StoreName, UpstreamHttp> http = new EnumMap<>(StoreName.class);
        for (StoreName name : StoreName.values()) {
            HttpSettings own = name == StoreName.REALDEBRID ? HttpSettings.defaults("curl/8.7.1") : settings;
            http.put(name, new UpstreamHttp(shared, json, name, own, resilience));
        }
        Map<StoreName, Store> stores = new EnumMap<>(StoreName.class);
        stores.put(StoreName.TORBOX, new TorBoxStore(http.get(StoreName.TORBOX), endpoints.torbox()));
        stores.put(StoreName.REALDEBRID, new RealDebridStore(http.get(StoreName.REALDEBRID), endpoints.realDebrid(),
                resilience.clock()));
        stores.put(StoreName.ALLDEBRID, new AllDebridStore(http.get(StoreName.ALLDEBRID), endpoints.allDebrid(),
                "chillproxy"));
        stores.put(StoreName.PREMIUMIZE, new PremiumizeStore(http.get(StoreName.PREMIUMIZE), endpoints.premiumize(),
                resilience.clock()));
        stores.put(StoreName.DEBRIDLINK, new DebridLinkStore(http.get(StoreName.DEBRIDLINK), endpoints.debridLink(),
                resilience.clock()));
        Map<StoreName, Supplier<StoreHealth>> health = new EnumMap<>(StoreName.class);
        http.forEach((name, upstream) -> health.put(name, upstream::health));
        return new StoreSet(stores, health);
    }

    public Store get(StoreName name) {
        return stores.get(name);
    }

    /** A snapshot of every service's circuit breaker, in {@link StoreName} order; empty without health views. */
    public List<StoreHealth> healthSnapshot() {
        return Arrays.stream(StoreName.values()).filter(health::containsKey).map(name -> health.get(name).get())
                .toList();
    }
}
