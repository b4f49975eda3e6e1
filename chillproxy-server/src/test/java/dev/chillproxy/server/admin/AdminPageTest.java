package dev.chillproxy.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.server.limits.IpLimit;
import dev.chillproxy.server.RouteTable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminPageTest {

    private static final Pattern IMPORT = Pattern.compile("(?:from|src=|href=)\\s*[\"'](?:\\./|/admin/)([\\w.-]+\\.(?:js|css))[\"']");
    private static final Pattern UNSAFE_SINK = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function");

    private static final OkHttpClient HTTP = new OkHttpClient();
    private static Javalin app;
    private static String base;

    @BeforeAll
    static void start() {
        AdminPage page = new AdminPage();
        app = Javalin.create(config -> RouteTable.adminPage(config.routes, page, IpLimit.none())).start(0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static Response get(String path) throws IOException {
        return HTTP.newCall(new Request.Builder().url(base + path).build()).execute();
    }

    private static void assertSecurityHeaders(Response response) {
        String csp = response.header("Content-Security-Policy");
        assertTrue(csp != null && csp.startsWith("default-src 'self'"), "CSP: " + csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("no-referrer", response.header("Referrer-Policy"));
        assertEquals("DENY", response.header("X-Frame-Options"));
    }

    @Test
    void pageIsServedWithAndWithoutTrailingSlashUnderAStrictPolicy() throws IOException {
        for (String path : new String[] {"/admin", "/admin/"}) {
            try (Response response = get(path)) {
                assertEquals(200, response.code(), path);
                assertTrue(response.header("Content-Type").startsWith("text/html"), path);
                assertSecurityHeaders(response);
                String html = response.body().string();
                assertTrue(html.contains("<script type=\"module\" src=\"/admin/app.js\">"), html);
                assertFalse(html.contains("<script>") || html.contains("style="), "no inline script or style under the CSP");
            }
        }
    }

    /** Walks every import from the page: each one is served with the right type, and none writes markup from strings. */
    @Test
    void everyReferencedAssetIsServedAndNoneUsesAnHtmlSink() throws IOException {
        Deque<String> todo = new ArrayDeque<>(Set.of("/admin"));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String path = todo.pop();
            if (!seen.add(path)) {
                continue;
            }
            try (Response response = get(path)) {
                assertEquals(200, response.code(), path);
                assertSecurityHeaders(response);
                String type = response.header("Content-Type");
                assertTrue(path.endsWith(".js") ? type.startsWith("text/javascript")
                        : path.endsWith(".css") ? type.startsWith("text/css") : type.startsWith("text/html"), path + " " + type);
                String text = response.body().string();
                Matcher unsafe = UNSAFE_SINK.matcher(text);
                assertFalse(unsafe.find(), path + " writes markup from a string");
                Matcher imports = IMPORT.matcher(text);
                while (imports.find()) {
                    todo.push("/admin/" + imports.group(1));
                }
            }
        }
        assertTrue(seen.containsAll(Set.of("/admin/app.js", "/admin/admin.css", "/admin/usage.js", "/admin/charts.js")), seen.toString());
    }

    @Test
    void unknownAssetsAndPathTricksAreNotFound() throws IOException {
        for (String path : new String[] {"/admin/secret.txt", "/admin/..%2Fpom.xml", "/admin/%2e%2e%2fMain.class", "/admin/App.js"}) {
            try (Response response = get(path)) {
                assertEquals(404, response.code(), path);
                assertSecurityHeaders(response);
            }
        }
    }
}
