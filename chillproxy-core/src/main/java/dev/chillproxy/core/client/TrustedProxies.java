package dev.chillproxy.core.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code TRUSTED_PROXIES}): IPv4 and IPv6
 * CIDR blocks and single addresses. Only literals are accepted, so parsing never asks DNS. An IPv4 block
 * also matches the IPv4-mapped IPv6 form of its addresses. Immutable and thread-safe.
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param csv comma-separated entries such as {@code 10.0.0.0/8, 192.168.1.10, fd00::/8}; null or blank = none
     * @throws IllegalArgumentException naming the first entry that is not an IP literal or CIDR
     */
    public static TrustedProxies parse(String csv) {
        if (csv == null || csv.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String raw : csv.split(",")) {
            String entry = raw.strip();
            if (!entry.isEmpty()) {
                blocks.add(Block.parse(entry));
            }
        }
        return new TrustedProxies(blocks);
    }

    public boolean contains(InetAddress address) {
        return address != null && blocks.stream().anyMatch(block -> block.contains(address));
    }

    /** False for anything that is not an IP literal. */
    public boolean contains(String ip) {
        return IpLiteral.parse(ip).map(this::contains).orElse(false);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    @Override
    public String toString() {
        return blocks.stream().map(Block::toString).collect(Collectors.joining(",", "TrustedProxies[", "]"));
    }

    private record Block(InetAddress network, int prefix) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String ip = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = IpLiteral.parse(ip).orElseThrow(() -> invalid(entry, "not an IP address"));
            int bits = address instanceof Inet4Address ? 32 : 128;
            int prefix = bits;
            if (slash >= 0) {
                String length = entry.substring(slash + 1);
                if (!length.matches("\\d{1,3}")) {
                    throw invalid(entry, "bad prefix length");
                }
                prefix = Integer.parseInt(length);
                if (address instanceof Inet4Address && ip.contains(":")) {
                    // an IPv4-mapped IPv6 block (::ffff:a.b.c.d/n) parses as IPv4: shift its prefix
                    prefix -= 96;
                }
            }
            if (prefix < 0 || prefix > bits) {
                throw invalid(entry, "prefix length out of range");
            }
            return new Block(address, prefix);
        }

        boolean contains(InetAddress candidate) {
            byte[] want = network.getAddress();
            byte[] have = candidate.getAddress();
            if (want.length != have.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((want[bit / 8] & mask) != (have[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        private static IllegalArgumentException invalid(String entry, String why) {
            return new IllegalArgumentException("TRUSTED_PROXIES entry \"" + entry + "\": " + why);
        }

        @Override
        public String toString() {
            return IpLiteral.canonical(network) + "/" + prefix;
        }
    }
}
