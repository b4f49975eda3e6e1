package dev.chillproxy.server.web;

import java.util.Objects;

import dev.chillproxy.core.secret.ApiKey;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * The one bearer check of every API route: the {@code Authorization: Bearer <key>} header compared in constant
 * time with the configured key; otherwise 401 JSON with the request id and a {@code WWW-Authenticate} hint, and
 * the handler does not run. Thread-safe.
 */
public final class BearerGuard {

    private final ApiKey expected;
    private final String realm;

    /** @param realm names the key the caller needs (e.g. {@code ADMIN_API_KEY}); shown in the 401 hint, never the key */
    public BearerGuard(ApiKey expected, String realm) {
        this.expected = Objects.requireNonNull(expected, "expected");
        this.realm = Objects.requireNonNull(realm, "realm");
    }

    public Handler protect(Handler handler) {
        return ctx -> {
            if (admits(ctx)) {
                handler.handle(ctx);
            } else {
                ctx.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
                ErrorResponses.write(ctx, 401, "unauthorized", "unauthorized");
            }
        };
    }

    boolean admits(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        return ApiKey.constantTimeEquals(expected.reveal(), token);
    }
}
