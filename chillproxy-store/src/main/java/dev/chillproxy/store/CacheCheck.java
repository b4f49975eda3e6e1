package dev.chillproxy.store;

import dev.chillproxy.core.store.StoreName;
import java.util.Map;
import java.util.Objects;

/** Outcome of a batch cache check: the cached subset, or a statement that the store has no cache API. */
public sealed interface CacheCheck {

    /**
     * The store answered.
     *
     * @param cached lower-case hash → cached details; hashes that are absent are not cached
     */
    record Checked(Map<String, CachedMagnet> cached) implements CacheCheck {
        public Checked {
            cached = Map.copyOf(Objects.requireNonNull(cached, "cached"));
        }

        public boolean isCached(String hash) {
            return hash != null && cached.containsKey(hash.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The store has no usable cache check (Real-Debrid, AllDebrid, Debrid-Link); cache status is unknown. */
    record Unsupported(StoreName store, String reason) implements CacheCheck {
        public Unsupported {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
