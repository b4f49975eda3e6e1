package dev.chillproxy.server.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.chillproxy.core.client.IpLiteral;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps outbound calls away from this machine and from link-local addresses (cloud metadata endpoints) unless the
 * operator configured that host (a TorBox URL, an indexer, Chillstreams, or the local fakes of a test). Users can put
 * indexer and {@code .torrent} URLs into their config; without this, such a URL could make the server call its own
 * admin API or a neighbour on 127.0.0.1. Private LAN addresses stay allowed: self-hosters run Jackett there.
 * Works on both paths OkHttp takes: host names through {@link Dns} (checked after resolution, so a name that
 * resolves to 127.0.0.1 is caught) and IP literals, which OkHttp never resolves, through the interceptor.
 * Thread-safe.
 */
public final class LocalAddressGuard implements Dns, Interceptor {

    private final Dns delegate;
    private final Set<String> operatorHosts;

    public LocalAddressGuard(Dns delegate, Set<String> operatorHosts) {
        this.delegate = delegate;
        this.operatorHosts = operatorHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = delegate.lookup(hostname);
        if (operatorHosts.contains(hostname.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        List<InetAddress> allowed = addresses.stream().filter(address -> !isLocal(address)).toList();
        if (allowed.isEmpty()) {
            throw new UnknownHostException("refused: " + hostname + " resolves only to local addresses");
        }
        return allowed;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String host = chain.request().url().host();
        if (!operatorHosts.contains(host.toLowerCase(Locale.ROOT))) {
            InetAddress literal = IpLiteral.parse(host).orElse(null);
            if (literal != null && isLocal(literal)) {
                throw new IOException("refused: calls to local addresses are not allowed for " + host);
            }
        }
        return chain.proceed(chain.request());
    }

    static boolean isLocal(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress();
    }
}
