package dev.chillproxy.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.store.alldebrid.AllDebridStore;
import dev.chillproxy.store.debridlink.DebridLinkStore;
import dev.chillproxy.store.http.HttpSettings;
import dev.chillproxy.store.http.UpstreamHttp;
import dev.chillproxy.store.premiumize.PremiumizeStore;
import dev.chillproxy.store.realdebrid.RealDebridStore;
import dev.chillproxy.store.torbox.TorBoxStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;

/** The five stores, built on one shared client; immutable and thread-safe. */
public record StoreSet(Map<StoreName, Store> stores) {

    public StoreSet {
        stores = Map.copyOf(Objects.requireNonNull(stores, "stores"));
    }

    /**
     * Builds every store with default timeouts and retries.
     *
     * @param userAgent e.g. {@code chillproxy/0.1.0}; Real-Debrid gets {@code curl/8.7.1} as StremThru does,
     *                  because RD has banned app User-Agents before
     */
    public static StoreSet create(OkHttpClient shared, ObjectMapper json, StoreEndpoints endpoints, String userAgent) {
        Map<StoreName, Store> stores = new EnumMap<>(StoreName.class);
        HttpSettings settings = HttpSettings.defaults(userAgent);
        stores.put(StoreName.TORBOX, new TorBoxStore(http(shared, json, StoreName.TORBOX, settings), endpoints.torbox()));
        stores.put(StoreName.REALDEBRID, new RealDebridStore(http(shared, json, StoreName.REALDEBRID,
                HttpSettings.defaults("curl/8.7.1")), endpoints.realDebrid()));
        stores.put(StoreName.ALLDEBRID, new AllDebridStore(http(shared, json, StoreName.ALLDEBRID, settings),
                endpoints.allDebrid(), "chillproxy"));
        stores.put(StoreName.PREMIUMIZE, new PremiumizeStore(http(shared, json, StoreName.PREMIUMIZE, settings),
                endpoints.premiumize()));
        stores.put(StoreName.DEBRIDLINK, new DebridLinkStore(http(shared, json, StoreName.DEBRIDLINK, settings),
                endpoints.debridLink()));
        return new StoreSet(stores);
    }

    private static UpstreamHttp http(OkHttpClient shared, ObjectMapper json, StoreName name, HttpSettings settings) {
        return new UpstreamHttp(shared, json, name, settings);
    }

    public Store get(StoreName name) {
        return stores.get(name);
    }
}
