package dev.chillproxy.server.web;

import java.util.Locale;
import java.util.Optional;

import dev.chillproxy.chillstreams.db.DatabaseErrors;
import dev.chillproxy.chillstreams.embedded.PoolAdminException;
import dev.chillproxy.core.config.ConfigException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps exceptions to JSON errors in one place: Javalin's own {@code XxxResponse}s keep their status, a caller's
 * mistake ({@link InvalidRequestException}, a pool admin refusal) is a 400/404/409 naming it, and any other
 * exception is a 500 whose body holds no detail (the stack trace goes to the log, with the
 * request id so an operator can find it). Thread-safe.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    public void register(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, this::httpError);
        routes.exception(InvalidRequestException.class, (e, ctx) -> write(ctx, 400, "invalid_request", e.getMessage()));
        routes.exception(PoolAdminException.class, ErrorResponses::poolAdmin);
        routes.exception(Exception.class, this::unexpected);
    }

    /** Writes an error body with the request id; used by handlers for expected failures too. */
    public static void write(Context ctx, int status, String code, String message) {
        ctx.status(status).json(ErrorBody.of(code, message, RequestIds.of(ctx)));
    }

    /** 400 {@code bad_config} naming every problem's field; the codec's messages never hold a secret. */
    public static void badConfig(Context ctx, ConfigException e) {
        ctx.status(400).json(new ErrorBody(new ErrorBody.Detail("bad_config", e.getMessage(), RequestIds.of(ctx),
                e.problems())));
    }

    private static void poolAdmin(PoolAdminException e, Context ctx) {
        switch (e.code()) {
            case NOT_FOUND -> write(ctx, 404, "not_found", e.getMessage());
            case CONFLICT -> write(ctx, 409, "conflict", e.getMessage());
            default -> write(ctx, 400, "invalid_request", e.getMessage());
        }
    }

    private void httpError(HttpResponseException e, Context ctx) {
        HttpStatus status = HttpStatus.forStatus(e.getStatus());
        String code = status == HttpStatus.UNKNOWN
                ? "http_" + e.getStatus()
                : status.name().toLowerCase(Locale.ROOT);
        // Javalin's 404 text is "Endpoint GET <path> not found", and the path may hold a legacy token
        String message = e.getStatus() == 404 || e.getMessage() == null ? status.getMessage() : e.getMessage();
        write(ctx, e.getStatus(), code, message);
    }

    private void unexpected(Exception e, Context ctx) {
        if (isBadEscape(e)) {
            write(ctx, 400, "bad_request", "the path has a malformed %-escape");
            return;
        }
        Optional<String> database = DatabaseErrors.describe(e);
        if (database.isPresent()) {
            // a database exception's text may hold bound values (user ids): class and SQL state only
            LOG.error("request {} failed: database error {}", RequestIds.of(ctx), database.get());
        } else {
            LOG.error("request {} failed", RequestIds.of(ctx), e);
        }
        write(ctx, 500, "internal", "internal error");
    }

    /**
     * Javalin decodes path parameters with {@link java.net.URLDecoder}, which throws on a bad escape that Jetty let
     * through (inside a {@code ;parameter}); that is the client's mistake, not ours.
     */
    private static boolean isBadEscape(Exception e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("URLDecoder:");
    }
}
