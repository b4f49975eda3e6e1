package dev.chillproxy.server.limits;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.chillproxy.core.client.ClientAddress;
import dev.chillproxy.core.client.TrustedProxies;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's IP address of a request: the socket peer, or, when the peer is one of {@code TRUSTED_PROXIES},
 * the address its {@code X-Forwarded-For} names ({@link ClientAddress}). An untrusted peer's header is
 * ignored, so a client cannot pick its address to dodge a limit; the first such request is logged once, as
 * behind a reverse proxy not listed there every user would otherwise silently be the proxy. Resolved once per
 * request. Thread-safe.
 */
public final class ClientIp {

    private static final Logger LOG = LoggerFactory.getLogger(ClientIp.class);
    private static final String ATTRIBUTE = "chillproxy.clientIp";
    static final int MAX_REMEMBERED = 10_000;
    private static final List<String> FORWARDED_HEADERS = List.of("X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "Forwarded");

    private final TrustedProxies trustedProxies;
    private final AtomicBoolean warned = new AtomicBoolean();
    /** Socket address → client address for requests without X-Forwarded-For: a client's connection asks again and again. */
    private final BoundedMemo<String> direct = new BoundedMemo<>(MAX_REMEMBERED);

    public ClientIp(TrustedProxies trustedProxies) {
        this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /** The canonical client address text. */
    public String of(Context ctx) {
        String cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        String peer = ctx.req().getRemoteAddr();
        String ip;
        if (ctx.req().getHeader("X-Forwarded-For") == null) {
            ip = direct.get(peer == null ? "" : peer, address -> ClientAddress.resolve(address, null, trustedProxies));
        } else {
            // several header lines count as one comma-separated list, in order
            String forwarded = String.join(",", Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
            ip = ClientAddress.resolve(peer, forwarded, trustedProxies);
        }
        ctx.attribute(ATTRIBUTE, ip);
        if (!warned.get()) {
            warnOnceAboutUntrustedForwarding(ctx);
        }
        return ip;
    }

    private void warnOnceAboutUntrustedForwarding(Context ctx) {
        if (warned.get()) {
            return;
        }
        boolean forwarded = false;
        for (String name : FORWARDED_HEADERS) {
            forwarded |= ctx.header(name) != null;
        }
        if (!forwarded) {
            return;
        }
        String peer = ctx.req().getRemoteAddr();
        if (trustedProxies.contains(peer)) {
            return;
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("forwarded headers (X-Forwarded-For/-Host/-Proto, Forwarded) from {} are ignored because it is not a "
                    + "trusted proxy: every user counts as {}; if {} is your reverse proxy, add it to TRUSTED_PROXIES "
                    + "(e.g. TRUSTED_PROXIES={}); logged once", peer, peer, peer, peer);
        }
    }
}
