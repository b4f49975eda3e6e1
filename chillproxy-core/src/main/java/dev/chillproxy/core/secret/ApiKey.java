package dev.chillproxy.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A debrid API key or pool key. Its {@link #toString()} is masked ({@code tb_…a1b2}) so that a key passed
 * through logs, exception messages or records' generated {@code toString} never prints in full; only
 * {@link #reveal()} gives the value, for the one place that puts it on the wire.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "api key");
        if (value.isBlank()) {
            throw new IllegalArgumentException("api key: empty");
        }
        return new ApiKey(value.trim());
    }

    /** The raw key, only for the header or query parameter that carries it upstream. */
    public String reveal() {
        return value;
    }

    /** {@code tb_…a1b2}: a two-letter prefix hint and the last four characters. */
    public String masked() {
        return mask(value);
    }

    /** Masks any secret for display; short values are hidden entirely. */
    public static String mask(String secret) {
        if (secret == null || secret.length() < 12) {
            return "…";
        }
        return secret.substring(0, 2) + "_…" + secret.substring(secret.length() - 4);
    }

    /**
     * 16 hex digits of the key's SHA-256: a stable, non-reversible id for caches, rate-limit buckets and logs that
     * must tell keys apart without holding them.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Constant-time comparison, for bearer tokens and any other secret checked against a request. */
    public static boolean constantTimeEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && constantTimeEquals(value, key.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
