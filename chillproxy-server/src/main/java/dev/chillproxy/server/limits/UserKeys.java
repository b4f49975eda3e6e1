package dev.chillproxy.server.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;

/**
 * Who a torz config belongs to, as a rate-limit key: the pool user's UUID, or for a legacy config with
 * its own store token {@code t:} plus the first 16 hex digits of the token's SHA-256, so the token itself
 * is never held. Stateless and thread-safe.
 */
public final class UserKeys {

    private static final int FINGERPRINT_HEX_DIGITS = 16;

    private UserKeys() {
    }

    /** The first pool user of the config, else its first store token's fingerprint; empty for P2P only. */
    public static Optional<String> of(TorzConfig config) {
        for (StoreConfig store : config.stores()) {
            if (store.usesPool()) {
                return Optional.of(store.auth().toLowerCase(Locale.ROOT));
            }
        }
        for (StoreConfig store : config.stores()) {
            if (!store.token().isEmpty()) {
                return Optional.of(legacyToken(store.token()));
            }
        }
        return Optional.empty();
    }

    /** {@code t:<16 hex digits>} of SHA-256 over the token. */
    public static String legacyToken(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "t:" + HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
