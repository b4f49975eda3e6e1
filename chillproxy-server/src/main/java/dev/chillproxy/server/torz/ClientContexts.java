package dev.chillproxy.server.torz;

import dev.chillproxy.core.client.DeviceId;
import dev.chillproxy.core.torz.RequestContext;
import dev.chillproxy.server.limits.ClientIp;
import io.javalin.http.Context;

/**
 * Who is calling: the client address (socket, or the right-most untrusted {@code X-Forwarded-For} entry behind a
 * trusted proxy) and the device id derived from it and the User-Agent. Thread-safe.
 */
public final class ClientContexts {

    private final ClientIp clientIp;

    public ClientContexts(ClientIp clientIp) {
        this.clientIp = clientIp;
    }

    public RequestContext of(Context ctx) {
        String ip = clientIp.of(ctx);
        return new RequestContext(ip, DeviceId.of(ip, ctx.userAgent()));
    }
}
