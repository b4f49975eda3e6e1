package dev.chillproxy.server.signals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.chillproxy.core.client.IpLiteral;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.secret.Fingerprint;

/**
 * The network a client address belongs to, as a fingerprint: the /24 of an IPv4 address or the /64 of an IPv6 one
 * (one household, one phone on mobile data), hashed with a server secret so the database never holds an address and a
 * stored value cannot be reversed by trying the 2^24 IPv4 networks. Every instance sharing the pool's encryption key
 * computes the same fingerprint, so distinct networks are counted once across instances. Thread-safe.
 */
public final class ClientNetworks {

    private final ApiKey secret;
    // every request asks: the address is parsed and hashed once per client address ("" when not one), not per request
    private final Cache<String, String> fingerprints = Caffeine.newBuilder().maximumSize(10_000).build();

    /** @param secret the pool's encryption key, shared by every instance on the database */
    public ClientNetworks(ApiKey secret) {
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** {@code net-} and 16 hex digits; empty when {@code ip} is not an address (a test client, a socket path). */
    public Optional<String> of(String ip) {
        if (ip == null) {
            return Optional.empty();
        }
        String network = fingerprints.get(ip, address -> IpLiteral.parse(address).map(parsed ->
                "net-" + Fingerprint.of("abuse-network", secret.reveal(), prefix(parsed)).substring(0, 16)).orElse(""));
        return network.isEmpty() ? Optional.empty() : Optional.of(network);
    }

    /** {@code 203.0.113.0/24} or {@code 2001:db8:1:2::/64}. */
    static String prefix(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return IpLiteral.network(address);
        }
        byte[] bytes = address.getAddress();
        bytes[3] = 0;
        try {
            return IpLiteral.canonical(InetAddress.getByAddress(bytes)) + "/24";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are an IPv4 address", e);
        }
    }
}
