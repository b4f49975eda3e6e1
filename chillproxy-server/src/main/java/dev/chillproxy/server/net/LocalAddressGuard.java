package dev.chillproxy.server.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * Keeps outbound calls away from this machine, link-local and cloud metadata addresses (see {@link BlockedAddresses})
 * unless the call goes to one of the operator's configured {@code host:port} pairs (a TorBox URL, an indexer,
 * Chillstreams, or the local fakes of a test). Users put indexer and {@code .torrent} URLs into their config; without
 * this, such a URL (or a redirect from it) could make the server call its own admin API or a neighbour on 127.0.0.1.
 * <p>The decision is made on the socket about to connect ({@link GuardedSocketFactory}), for every hop and every
 * address; this {@link Dns} only labels each address with the host it was resolved for (which the socket check
 * matches against operator names) and drops blocked answers for other names early, for a clearer error.
 * Proxies are switched off: through a proxy the socket would only see the proxy's address. Thread-safe.
 */
public final class LocalAddressGuard implements Dns {

    private final Dns delegate;
    private final OperatorEndpoints operator;

    public LocalAddressGuard(Dns delegate, OperatorEndpoints operator) {
        this.delegate = delegate;
        this.operator = operator;
    }

    /** {@code builder} with this guard's DNS, guarded sockets and no proxy. */
    public OkHttpClient.Builder install(OkHttpClient.Builder builder) {
        return builder.dns(this).socketFactory(new GuardedSocketFactory(operator)).proxy(Proxy.NO_PROXY);
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        boolean operatorName = operator.isOperatorName(hostname);
        List<InetAddress> kept = new ArrayList<>();
        for (InetAddress address : delegate.lookup(hostname)) {
            if (operatorName || !BlockedAddresses.isBlocked(address)) {
                kept.add(labelled(hostname, address));
            }
        }
        if (kept.isEmpty()) {
            throw new UnknownHostException("refused: " + hostname + " resolves only to local addresses");
        }
        return kept;
    }

    /** The address carrying {@code hostname}, so the socket check knows which URL host it serves (no reverse lookup). */
    private static InetAddress labelled(String hostname, InetAddress address) throws UnknownHostException {
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            return Inet6Address.getByAddress(hostname, v6.getAddress(), v6.getScopeId());
        }
        return InetAddress.getByAddress(hostname, address.getAddress());
    }
}
