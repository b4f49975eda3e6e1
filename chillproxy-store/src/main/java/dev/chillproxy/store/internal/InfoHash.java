package dev.chillproxy.store.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Normalises info hashes: 40-hex, 32-char base32 or a {@code magnet:?xt=urn:btih:} link → 40 lower-case hex. */
public final class InfoHash {

    private static final Pattern HEX40 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern BASE32 = Pattern.compile("[A-Za-z2-7]{32}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private InfoHash() {
    }

    /** The normalised hash, or empty when the input is neither a hash nor a magnet with a btih. */
    public static Optional<String> parse(String hashOrMagnet) {
        if (hashOrMagnet == null) {
            return Optional.empty();
        }
        String value = hashOrMagnet.trim();
        if (value.regionMatches(true, 0, "magnet:", 0, 7)) {
            return fromMagnet(value);
        }
        return fromBare(value);
    }

    private static Optional<String> fromMagnet(String magnet) {
        int query = magnet.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String part : magnet.substring(query + 1).split("&")) {
            String decoded = URLDecoder.decode(part, StandardCharsets.UTF_8);
            if (decoded.regionMatches(true, 0, "xt=urn:btih:", 0, 12)) {
                Optional<String> hash = fromBare(decoded.substring(12));
                if (hash.isPresent()) {
                    return hash;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromBare(String value) {
        if (HEX40.matcher(value).matches()) {
            return Optional.of(value.toLowerCase(Locale.ROOT));
        }
        if (BASE32.matcher(value).matches()) {
            return Optional.of(base32ToHex(value.toUpperCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    private static String base32ToHex(String base32) {
        byte[] bytes = new byte[20];
        int buffer = 0;
        int bits = 0;
        int out = 0;
        for (int i = 0; i < base32.length(); i++) {
            buffer = (buffer << 5) | ALPHABET.indexOf(base32.charAt(i));
            bits += 5;
            if (bits >= 8) {
                bytes[out++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return toHex(bytes);
    }

    /** Lower-case hex of raw bytes (a SHA-1 digest). */
    public static String toHex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    /** The canonical magnet for a normalised hash. */
    public static String magnet(String hash) {
        return "magnet:?xt=urn:btih:" + hash;
    }
}
