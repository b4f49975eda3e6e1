package dev.chillproxy.server.torz;

import dev.chillproxy.core.client.ClientAddress;
import dev.chillproxy.core.client.DeviceId;
import dev.chillproxy.core.client.TrustedProxies;
import dev.chillproxy.core.torz.RequestContext;
import io.javalin.http.Context;

/**
 * Who is calling: the socket address, or the right-most untrusted {@code X-Forwarded-For} entry when the peer is a
 * trusted proxy, and the device id derived from it and the User-Agent. Thread-safe.
 */
public final class ClientContexts {

    private final TrustedProxies trusted;

    public ClientContexts(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    public RequestContext of(Context ctx) {
        String ip = ClientAddress.resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"), trusted);
        return new RequestContext(ip, DeviceId.of(ip, ctx.userAgent()));
    }
}
