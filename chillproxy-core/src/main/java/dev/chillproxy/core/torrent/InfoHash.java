package dev.chillproxy.core.torrent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A BitTorrent v1 info hash as 40 lower-case hex characters, the form stores, caches and URLs use: the one parser
 * of hashes and magnet links and the one place that builds a magnet link, for core and the store adapters.
 *
 * @param hex 40 lower-case hex characters
 */
public record InfoHash(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ANY_CASE_HEX = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern BASE32 = Pattern.compile("[A-Za-z2-7]{32}");
    private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String MAGNET = "magnet:?";
    private static final String BTIH = "urn:btih:";

    public InfoHash {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("info hash: not 40 lower-case hex characters");
        }
    }

    /**
     * Reads 40 hex characters (any case), 32 base32 characters (RFC 4648) or a magnet link
     * ({@code magnet:?xt=urn:btih:…}, the first btih topic that holds a hash wins).
     *
     * @throws IllegalArgumentException saying which form was expected
     */
    public static InfoHash parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("info hash: missing");
        }
        String value = text.strip();
        if (value.regionMatches(true, 0, MAGNET, 0, MAGNET.length())) {
            return fromMagnetQuery(value.substring(MAGNET.length()));
        }
        return fromHashText(value, "info hash");
    }

    public static Optional<InfoHash> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The SHA-1 digest of a torrent's info dictionary (20 bytes) as a hash. */
    public static InfoHash ofDigest(byte[] sha1) {
        if (sha1 == null || sha1.length != 20) {
            throw new IllegalArgumentException("info hash: a SHA-1 digest has 20 bytes");
        }
        return new InfoHash(HexFormat.of().formatHex(sha1));
    }

    /** A magnet link that names only the hash: {@code magnet:?xt=urn:btih:<hex>}. */
    public String toMagnet() {
        return MAGNET + "xt=" + BTIH + hex;
    }

    @Override
    public String toString() {
        return hex;
    }

    private static InfoHash fromHashText(String value, String what) {
        if (ANY_CASE_HEX.matcher(value).matches()) {
            return new InfoHash(value.toLowerCase(Locale.ROOT));
        }
        if (BASE32.matcher(value).matches()) {
            return new InfoHash(HexFormat.of().formatHex(base32(value.toUpperCase(Locale.ROOT))));
        }
        throw new IllegalArgumentException(what + ": expected 40 hex or 32 base32 characters, got "
                + value.length() + " characters");
    }

    /** The first btih topic that holds a hash; when none does, the first topic's problem. */
    private static InfoHash fromMagnetQuery(String query) {
        IllegalArgumentException first = null;
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!key.equalsIgnoreCase("xt") && !key.toLowerCase(Locale.ROOT).startsWith("xt.")) {
                continue;
            }
            String topic = decode(parameter.substring(equals + 1));
            if (topic.regionMatches(true, 0, BTIH, 0, BTIH.length())) {
                try {
                    return fromHashText(topic.substring(BTIH.length()), "magnet link btih");
                } catch (IllegalArgumentException e) {
                    first = first == null ? e : first;
                }
            }
        }
        throw first != null ? first : new IllegalArgumentException("magnet link: no xt=urn:btih: topic");
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("magnet link: bad percent-escape");
        }
    }

    /** 32 base32 characters carry exactly 160 bits: no padding, no leftover bits. */
    private static byte[] base32(String upper) {
        byte[] out = new byte[20];
        long buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < upper.length(); i++) {
            buffer = (buffer << 5) | BASE32_ALPHABET.indexOf(upper.charAt(i));
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[index++] = (byte) (buffer >>> bits);
            }
        }
        return out;
    }
}
