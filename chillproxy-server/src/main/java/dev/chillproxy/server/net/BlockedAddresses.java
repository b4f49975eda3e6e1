package dev.chillproxy.server.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Which addresses users' URLs may not reach: this machine (0.0.0.0/8, 127.0.0.0/8, {@code ::}, {@code ::1}),
 * link-local and cloud metadata (169.254.0.0/16, fe80::/10, AWS's {@code fd00:ec2::254}) and carrier-grade NAT
 * (100.64.0.0/10, where Tailscale-style overlays put an operator's own machines). IPv6 forms that embed an IPv4
 * address (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}) are judged
 * by the embedded address. Private LAN ranges stay allowed: households run Jackett there. Pure and stateless.
 */
final class BlockedAddresses {

    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private BlockedAddresses() {
    }

    static boolean isBlocked(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isBlockedV4(bytes, 0);
        }
        if (!(address instanceof Inet6Address) || bytes.length != 16) {
            return true; // an address family we cannot judge is refused
        }
        if ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80) {
            return true; // fe80::/10
        }
        if (Arrays.equals(bytes, AWS_METADATA_V6)) {
            return true;
        }
        if (zeros(bytes, 0, 10) && (ones(bytes, 10, 12) || zeros(bytes, 10, 12))
                || zeros(bytes, 0, 8) && ones(bytes, 8, 10) && zeros(bytes, 10, 12)) {
            // ::ffff:a.b.c.d, ::a.b.c.d (so also :: and ::1, inside 0.0.0.0/8) and ::ffff:0:a.b.c.d
            return isBlockedV4(bytes, 12);
        }
        if (Arrays.equals(Arrays.copyOf(bytes, 12), NAT64_PREFIX)) {
            return isBlockedV4(bytes, 12);
        }
        return false;
    }

    private static boolean isBlockedV4(byte[] bytes, int at) {
        int first = bytes[at] & 0xff;
        int second = bytes[at + 1] & 0xff;
        return first == 0 || first == 127
                || first == 169 && second == 254
                || first == 100 && (second & 0xc0) == 64;
    }

    private static boolean ones(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
