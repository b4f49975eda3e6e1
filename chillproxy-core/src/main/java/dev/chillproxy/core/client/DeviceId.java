package dev.chillproxy.core.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The device id the pool counts devices by: lower-case hex SHA-256 of {@code ip + "|" + userAgent}, as in
 * the Chillproxy fork. The IP is canonicalised first ({@link IpLiteral}), so {@code ::ffff:1.2.3.4} and
 * {@code 1.2.3.4}, or two spellings of one IPv6 address, give one device. An IPv6 client counts by its /64
 * ({@code 2001:db8:1:2::/64}): privacy extensions rotate the low 64 bits every few hours, and each new
 * address must not take another device slot. Raw IPs are never stored; only this hash is. Stateless and
 * thread-safe.
 */
public final class DeviceId {

    private DeviceId() {
    }

    public static String of(String ip, String userAgent) {
        String address = IpLiteral.parse(ip).map(IpLiteral::network).orElse(Objects.requireNonNullElse(ip, "").strip());
        String input = address + "|" + Objects.requireNonNullElse(userAgent, "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
