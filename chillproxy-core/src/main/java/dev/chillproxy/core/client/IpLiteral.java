package dev.chillproxy.core.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever resolving a host name, and prints one canonical text per address:
 * dotted IPv4 (IPv4-mapped IPv6 such as {@code ::ffff:1.2.3.4} becomes {@code 1.2.3.4}) and RFC 5952 IPv6
 * ({@code 2001:db8::1}, lower case, longest zero run compressed). Stateless and thread-safe.
 */
public final class IpLiteral {

    // no leading zeros: "010.0.0.1" is octal to some parsers and decimal to others
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {
    }

    /** The address written in {@code text} ({@code 1.2.3.4}, {@code ::1}, {@code [::1]}), or empty. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        try {
            if (IPV4.matcher(literal).matches()) {
                String[] parts = literal.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(parts[i]);
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (literal.indexOf(':') >= 0 && IPV6_CHARS.matcher(literal).matches()) {
                // brackets make the JDK treat it as an IPv6 literal only: it fails instead of asking DNS
                return Optional.of(InetAddress.getByName("[" + literal + "]"));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The canonical text of {@code text}, or empty when it is not an IP literal. */
    public static Optional<String> normalize(String text) {
        return parse(text).map(IpLiteral::canonical);
    }

    /**
     * The network one client counts as: IPv4 as is; IPv6 as its /64 ({@code 2001:db8:1:2::/64}), the block one
     * subscriber (or one phone on mobile data) gets, whose low 64 bits privacy extensions rotate.
     */
    public static String network(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return canonical(address);
        }
        byte[] bytes = address.getAddress();
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            // an address from bytes involves no name lookup
            return canonical(InetAddress.getByAddress(bytes)) + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    public static String canonical(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not compressed
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
