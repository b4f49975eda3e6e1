package dev.chillproxy.server.stremio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.chillproxy.core.client.TrustedProxies;
import io.javalin.http.Context;

/**
 * The manifest id, like StremThru's: the request host reversed plus {@code .torz}
 * ({@code proxy.example.com} → {@code com.example.proxy.torz}; local hosts → {@code local.chillproxy.torz}).
 * {@code X-Forwarded-Host} counts only when the socket peer is a trusted proxy, so a client cannot
 * choose the id. Stateless and thread-safe.
 */
final class AddonId {

    static final String LOCAL = "local.chillproxy";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "0.0.0.0", "");

    private final TrustedProxies trustedProxies;

    AddonId(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    String of(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Host");
        boolean trusted = forwarded != null && trustedProxies.contains(ctx.req().getRemoteAddr());
        return forHost(trusted ? forwarded.split(",")[0] : ctx.header("Host"));
    }

    static String forHost(String hostHeader) {
        String host = stripPort(hostHeader == null ? "" : hostHeader.trim().toLowerCase(Locale.ROOT));
        if (LOCAL_HOSTS.contains(host)) {
            return LOCAL + ".torz";
        }
        List<String> labels = new ArrayList<>();
        for (String label : host.split("\\.")) {
            String clean = label.replaceAll("[^a-z0-9-]", "");
            if (!clean.isEmpty()) {
                labels.add(clean);
            }
        }
        if (labels.isEmpty()) {
            return LOCAL + ".torz";
        }
        Collections.reverse(labels);
        return String.join(".", labels) + ".torz";
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        // more than one colon: a bare IPv6 literal, no port
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }
}
