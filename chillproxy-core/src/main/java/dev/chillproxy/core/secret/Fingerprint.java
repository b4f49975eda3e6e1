package dev.chillproxy.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 keys for caches and maps whose parts may hold a secret (an indexer URL with its apikey, a {@code .torrent}
 * link with a passkey, a user's indexer config): the parts are never kept in clear.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** Hex SHA-256 of the parts, each length-prefixed so ("ab","c") and ("a","bc") differ. */
    public static String of(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }
}
