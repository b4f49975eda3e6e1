package dev.chillproxy.core.client;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Finds the client's IP address behind trusted reverse proxies. Stateless and thread-safe.
 *
 * <p>The socket peer is the client unless it is a trusted proxy. Then {@code X-Forwarded-For} is read from
 * the right (each proxy appends the address it saw): trusted entries are skipped and the first untrusted one
 * is the client. If every entry is trusted, the left-most is taken. A malformed entry stops the walk and the
 * last good address wins, so a client cannot smuggle an address past a garbage entry. An untrusted peer's
 * header is ignored entirely, so it cannot spoof its address.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param socketIp      the TCP peer address
     * @param xForwardedFor the header value (several header lines joined with commas), or null
     * @return the canonical text of the client address; a socket address that is not an IP literal is
     *         returned stripped as given ("" for null)
     */
    public static String resolve(String socketIp, String xForwardedFor, TrustedProxies trusted) {
        Optional<InetAddress> socket = IpLiteral.parse(socketIp);
        if (socket.isEmpty()) {
            return socketIp == null ? "" : socketIp.strip();
        }
        InetAddress client = socket.get();
        if (!trusted.contains(client) || xForwardedFor == null) {
            return IpLiteral.canonical(client);
        }
        String[] entries = xForwardedFor.split(",");
        for (int i = entries.length - 1; i >= 0; i--) {
            Optional<InetAddress> entry = IpLiteral.parse(withoutPort(entries[i].strip()));
            if (entry.isEmpty()) {
                break;
            }
            client = entry.get();
            if (!trusted.contains(client)) {
                break;
            }
        }
        return IpLiteral.canonical(client);
    }

    /** {@code 1.2.3.4:5678} → {@code 1.2.3.4}; {@code [::1]:80} → {@code ::1}; anything else unchanged. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? entry : entry.substring(1, close);
        }
        int colon = entry.indexOf(':');
        if (colon > 0 && colon == entry.lastIndexOf(':') && entry.indexOf('.') > 0) {
            return entry.substring(0, colon);
        }
        return entry;
    }
}
