package dev.chillproxy.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.javalin.http.Context;

/**
 * Serves the admin dashboard ({@code GET /admin}, {@code /admin/} and its assets) from the classpath folder
 * {@code admin/}. Only the files named here are served, read once at construction, so no request path ever
 * reaches the class loader. The page holds no secret: the admin key is typed in by the operator and used
 * only for the {@code /api/v1/admin/*} calls. Thread-safe (immutable).
 */
public final class AdminPage {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private static final List<String> ASSETS = List.of("index.html", "admin.css", "app.js", "api.js", "dom.js",
            "keys.js", "users.js", "usage.js", "charts.js", "install.js", "instances.js",
            "signals.js", "rotation.js");

    private final Map<String, byte[]> assets;

    public AdminPage() {
        this.assets = ASSETS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), AdminPage::read));
    }

    public void index(Context ctx) {
        send(ctx, "index.html");
    }

    public void asset(Context ctx) {
        send(ctx, ctx.pathParam("asset"));
    }

    private void send(Context ctx, String name) {
        secure(ctx);
        byte[] body = assets.get(name);
        if (body == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
            return;
        }
        ctx.header("Cache-Control", "no-cache").contentType(contentType(name)).result(body);
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }

    private static byte[] read(String name) {
        try (InputStream in = AdminPage.class.getResourceAsStream("/admin/" + name)) {
            if (in == null) {
                throw new IllegalStateException("admin page asset missing from the jar: admin/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read admin page asset admin/" + name, e);
        }
    }
}
