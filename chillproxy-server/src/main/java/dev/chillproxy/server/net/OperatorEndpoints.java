package dev.chillproxy.server.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import okhttp3.HttpUrl;

/**
 * The exact {@code host:port} pairs of the operator's configured URLs (debrid API URLs, indexers, Prowlarr,
 * Chillstreams), the only ones that may be local addresses. A pair is matched against the socket about to connect,
 * which carries the host it was resolved for: an operator name ({@code localhost:9117}) is exempt only when the
 * call's URL named that host on that port, so neither another port, nor another spelling of the address
 * ({@code 127.0.0.1:9117}), nor a user's name that resolves there (DNS rebinding) inherits the exemption. An operator
 * IP literal is exempt for that address and port, however the user's URL spells the same literal. Immutable.
 */
public final class OperatorEndpoints {

    /** OkHttp's own test for "this host is an IP literal" (it then connects without asking {@code Dns}). */
    private static final Pattern OKHTTP_IP_LITERAL = Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");

    private record Named(String host, int port) {
    }

    private record Literal(InetAddress address, int port) {
    }

    private final Set<Named> names = new HashSet<>();
    private final Set<Literal> literals = new HashSet<>();

    private OperatorEndpoints(Collection<String> urls) {
        for (String url : urls) {
            HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
            if (parsed == null) {
                continue;
            }
            String host = parsed.host();
            if (OKHTTP_IP_LITERAL.matcher(host).matches()) {
                literalAddress(host).ifPresent(address -> literals.add(new Literal(address, parsed.port())));
            } else {
                names.add(new Named(host.toLowerCase(Locale.ROOT), parsed.port()));
            }
        }
    }

    /** @param urls the operator's URLs; unparseable ones are ignored (settings validation reports them) */
    public static OperatorEndpoints of(Collection<String> urls) {
        return new OperatorEndpoints(Objects.requireNonNull(urls, "urls"));
    }

    /** Whether {@code host} is an operator host name on any port (its DNS answer is kept whole; ports are checked at connect). */
    boolean isOperatorName(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(named -> named.host().equals(lower));
    }

    /** Whether connecting to {@code endpoint} is exempt: it belongs to exactly one of the operator's host:port pairs. */
    boolean exempts(InetSocketAddress endpoint) {
        InetAddress address = endpoint.getAddress();
        if (address == null) {
            return false;
        }
        // getHostString never does a reverse lookup: it is the name the address was resolved for, or the literal
        String host = endpoint.getHostString();
        if (host.equals(address.getHostAddress())) {
            return literals.contains(new Literal(address, endpoint.getPort()));
        }
        return names.contains(new Named(host.toLowerCase(Locale.ROOT), endpoint.getPort()));
    }

    /** The address OkHttp will connect to for an IP-literal host: it uses {@link InetAddress#getByName} too. */
    private static Optional<InetAddress> literalAddress(String host) {
        try {
            InetAddress parsed = InetAddress.getByName(host);
            // drop any host name so equality and hashing are by address only
            return Optional.of(InetAddress.getByAddress(parsed.getAddress()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
