package dev.chillproxy.server.limits;

import java.util.Collections;
import java.util.Objects;

import dev.chillproxy.core.client.ClientAddress;
import dev.chillproxy.core.client.TrustedProxies;
import io.javalin.http.Context;

/**
 * The client's IP address of a request: the socket peer, or, when the peer is one of {@code TRUSTED_PROXIES},
 * the address its {@code X-Forwarded-For} names ({@link ClientAddress}). An untrusted peer's header is
 * ignored, so a client cannot pick its address to dodge a limit. Resolved once per request. Thread-safe.
 */
public final class ClientIp {

    private static final String ATTRIBUTE = "chillproxy.clientIp";

    private final TrustedProxies trustedProxies;

    public ClientIp(TrustedProxies trustedProxies) {
        this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /** The canonical client address text. */
    public String of(Context ctx) {
        String cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        // several header lines count as one comma-separated list, in order
        String forwarded = String.join(",", Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
        String ip = ClientAddress.resolve(ctx.req().getRemoteAddr(), forwarded.isEmpty() ? null : forwarded,
                trustedProxies);
        ctx.attribute(ATTRIBUTE, ip);
        return ip;
    }
}
