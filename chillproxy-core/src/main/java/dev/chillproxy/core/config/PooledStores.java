package dev.chillproxy.core.config;

import java.util.Set;

/**
 * The stores the key pool holds keys for: the one place that knows which store codes a pool user ({@code auth})
 * may be paired with. A pool key may only ever be sent to its own service, so a config pairing {@code auth} with
 * any other store is invalid, the access layer refuses it and the configure page never offers it. When the pool
 * gets keys of another service, add its code here. Immutable, thread-safe.
 */
public final class PooledStores {

    /** Store codes ({@code tb}, as in configs and playback URLs) whose keys the pool hands out. */
    private static final Set<String> CODES = Set.of("tb");

    private PooledStores() {
    }

    /** Whether the pool has keys for the store with this code ({@code "tb"}); false for null or unknown codes. */
    public static boolean serves(String storeCode) {
        return storeCode != null && CODES.contains(storeCode);
    }

    /** Every pooled store code, for pages that list them. */
    public static Set<String> codes() {
        return CODES;
    }
}
