package dev.chillproxy.core.config;

import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;

/**
 * One debrid store of a torz config ({@code {"c":"tb","auth":"<user uuid>"}} or {@code {"c":"tb","t":"<key>"}}).
 * A value built in code may hold both or neither credential; {@link ConfigCodec#decode} is what refuses that.
 *
 * @param store    the debrid service
 * @param token    the user's own store API key (legacy mode, JSON {@code t})
 * @param poolUser the Chillstreams user UUID that draws a pool key (JSON {@code auth}); when present the token is
 *                 not used
 */
public record StoreConfig(StoreName store, Optional<ApiKey> token, Optional<String> poolUser) {

    public StoreConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(token, "token");
        poolUser = Objects.requireNonNull(poolUser, "poolUser").filter(user -> !user.isEmpty());
    }

    /** A store whose key the pool hands to {@code user}. */
    public static StoreConfig pooled(StoreName store, String user) {
        return new StoreConfig(store, Optional.empty(), Optional.of(user));
    }

    /** A store used with the user's own key. */
    public static StoreConfig own(StoreName store, String token) {
        return new StoreConfig(store, Optional.of(ApiKey.of(token)), Optional.empty());
    }

    /** The store key comes from the pool for the user {@link #poolUser()}; {@link #token()} is then not used. */
    public boolean usesPool() {
        return poolUser.isPresent();
    }

    /** Token and user UUID masked: the UUID alone is enough to stream on the user's pool key. */
    @Override
    public String toString() {
        return "StoreConfig[code=" + store.code()
                + ", token=" + token.map(ApiKey::masked).orElse("")
                + ", auth=" + poolUser.map(ApiKey::mask).orElse("") + "]";
    }
}
