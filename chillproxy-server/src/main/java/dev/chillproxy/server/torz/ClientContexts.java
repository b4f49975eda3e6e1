package dev.chillproxy.server.torz;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.core.client.DeviceId;
import dev.chillproxy.core.torz.RequestContext;
import dev.chillproxy.server.limits.ClientIp;
import io.javalin.http.Context;

/**
 * Who is calling: the client address (socket, or the right-most untrusted {@code X-Forwarded-For} entry behind a
 * trusted proxy) and the device id derived from it and the User-Agent. The device id (a SHA-256) is remembered per
 * (address, User-Agent): a player asks for lists and playbacks many times from one address. Thread-safe.
 */
public final class ClientContexts {

    static final int MAX_DEVICES = 10_000;
    /** Longer User-Agents are hashed each time rather than remembered, so the cache's size stays bounded in bytes. */
    static final int MAX_CACHED_USER_AGENT = 512;

    private record Caller(String ip, String userAgent) {
    }

    private final ClientIp clientIp;
    private final Cache<Caller, String> deviceIds = Caffeine.newBuilder().maximumSize(MAX_DEVICES)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public ClientContexts(ClientIp clientIp) {
        this.clientIp = clientIp;
    }

    public RequestContext of(Context ctx) {
        String ip = clientIp.of(ctx);
        String userAgent = ctx.userAgent();
        if (userAgent != null && userAgent.length() > MAX_CACHED_USER_AGENT) {
            return new RequestContext(ip, DeviceId.of(ip, userAgent));
        }
        String deviceId = deviceIds.get(new Caller(ip, userAgent == null ? "" : userAgent),
                caller -> DeviceId.of(caller.ip(), caller.userAgent()));
        return new RequestContext(ip, deviceId);
    }
}
