package dev.chillproxy.core.torz;

import dev.chillproxy.core.store.StoreName;
import java.util.List;
import java.util.Set;

/** Port: which of these hashes a store has cached, asked with the granted key. Must not throw. */
public interface CacheChecker {

    CacheStatus check(StoreName store, Access.Granted access, List<String> hashes, String clientIp);

    /** The store's answer. */
    sealed interface CacheStatus {
        /** {@code cached} holds the hashes the store can serve at once. */
        record Known(Set<String> cached) implements CacheStatus {
            public Known {
                cached = Set.copyOf(cached);
            }
        }

        /** The store has no batch cache check (Real-Debrid, AllDebrid, Debrid-Link): everything is uncached. */
        record Unsupported() implements CacheStatus {
        }

        /** The check failed; the store's entries are left out, as StremThru does. */
        record Failed(String message) implements CacheStatus {
        }
    }
}
