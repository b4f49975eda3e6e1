package dev.chillproxy.server.limits;

import java.util.Locale;
import java.util.Optional;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.secret.ApiKey;

/**
 * Who a torz config belongs to, as a rate-limit key: the pool user's UUID, or for a legacy config with
 * its own store token {@code t:} plus the first 16 hex digits of the token's SHA-256, so the token itself
 * is never held. Stateless and thread-safe.
 */
public final class UserKeys {

    private UserKeys() {
    }

    /** The first pool user of the config, else its first store token's fingerprint; empty for P2P only. */
    public static Optional<String> of(TorzConfig config) {
        for (StoreConfig store : config.stores()) {
            if (store.usesPool()) {
                return Optional.of(store.poolUser().get().toLowerCase(Locale.ROOT));
            }
        }
        for (StoreConfig store : config.stores()) {
            if (store.token().isPresent()) {
                return Optional.of(legacyToken(store.token().get()));
            }
        }
        return Optional.empty();
    }

    /** {@code t:<16 hex digits>} of SHA-256 over the token. */
    public static String legacyToken(String token) {
        return legacyToken(ApiKey.of(token));
    }

    static String legacyToken(ApiKey token) {
        return "t:" + token.fingerprint();
    }
}
