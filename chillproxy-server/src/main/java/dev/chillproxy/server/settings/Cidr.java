package dev.chillproxy.server.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Syntax check for one {@code TRUSTED_PROXIES} entry: an IPv4/IPv6 literal with an optional prefix length. */
final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private Cidr() {
    }

    static boolean isValid(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        int maxPrefix;
        if (IPV4.matcher(address).matches()) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            maxPrefix = 32;
        } else if (address.contains(":") && IPV6.matcher(address).matches() && isLiteral(address)) {
            maxPrefix = 128;
        } else {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String prefix = entry.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}")) {
            return false;
        }
        return Integer.parseInt(prefix) <= maxPrefix;
    }

    // Only called on strings of hex digits, colons and dots, so no name lookup can happen.
    private static boolean isLiteral(String address) {
        try {
            InetAddress.getByName(address);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
