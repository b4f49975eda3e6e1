package dev.chillproxy.server.stremio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.client.TrustedProxies;
import dev.chillproxy.server.limits.IpLimit;
import dev.chillproxy.server.RouteTable;
import dev.chillproxy.core.secret.ApiKey;
import java.util.Optional;
import dev.chillproxy.core.store.StoreName;
import java.io.IOException;
import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import io.javalin.Javalin;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConfigureRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "123e4567-e89b-12d3-a456-426614174000";
    private static final URI BASE = URI.create("https://chill.example.com");
    private static Javalin app;
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder().followRedirects(false).build();

    @BeforeAll
    static void start() {
        ConfigureRoutes routes = new ConfigureRoutes(BASE);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            RouteTable.stremioPages(config.routes, new ManifestRoutes("1.2.3", TrustedProxies.none(), false), routes, IpLimit.none());
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        CLIENT.connectionPool().evictAll();
        app.stop();
    }

    private static Response get(String path) throws IOException {
        return CLIENT.newCall(new Request.Builder().url("http://127.0.0.1:" + app.port() + path).build()).execute();
    }

    private static Response post(FormBody form, boolean json) throws IOException {
        Request.Builder request = new Request.Builder()
                .url("http://127.0.0.1:" + app.port() + "/stremio/torz/configure").post(form);
        if (json) {
            request.header("Accept", "application/json");
        }
        return CLIENT.newCall(request.build()).execute();
    }

    private static String cfg(String auth, String token) {
        return ConfigCodec.encode(new TorzConfig(List.of(new StoreConfig(StoreName.TORBOX,
                token.isEmpty() ? Optional.empty() : Optional.of(ApiKey.of(token)), Optional.of(auth))), List.of(), true, false,
                "-size", ""));
    }

    @Test
    void addonRootRedirectsToTheConfigurePage() throws IOException {
        for (String path : new String[] {"/stremio/torz", "/stremio/torz/"}) {
            try (Response response = get(path)) {
                assertEquals(302, response.code(), path);
                assertEquals("/stremio/torz/configure", response.header("Location"));
            }
        }
    }

    @Test
    void emptyPageIsAFormWithoutInstallLink() throws IOException {
        try (Response response = get("/stremio/torz/configure")) {
            assertEquals(200, response.code());
            assertTrue(response.header("Content-Type").startsWith("text/html"));
            String html = response.body().string();
            assertTrue(html.contains("<form id=\"configure\" method=\"post\" action=\"/stremio/torz/configure\""));
            for (String field : new String[] {"name=\"store\"", "name=\"kind\"", "name=\"credential\"",
                    "name=\"cached\"", "name=\"sort\"", "value=\"tb\"", "value=\"rd\"", "value=\"ad\"", "value=\"pm\"",
                    "value=\"dl\""}) {
                assertTrue(html.contains(field), field);
            }
            assertTrue(html.contains("id=\"install\" hidden"));
            assertFalse(html.contains("{{"), "every placeholder is filled");
            assertFalse(html.contains("http://") && html.contains("<script src"), "no external assets");
        }
    }

    @Test
    void configuredPageIsPrefilledAndShowsTheInstallLinks() throws IOException {
        String cfg = cfg(USER, "");
        try (Response response = get("/stremio/torz/" + cfg + "/configure")) {
            assertEquals(200, response.code());
            String html = response.body().string();
            assertTrue(html.contains("value=\"" + USER + "\""));
            assertTrue(html.contains("id=\"cached\" name=\"cached\" value=\"on\" checked"));
            assertTrue(html.contains("value=\"-size\""));
            assertTrue(html.contains("https://chill.example.com/stremio/torz/" + cfg + "/manifest.json"));
            assertTrue(html.contains("href=\"stremio://chill.example.com/stremio/torz/" + cfg + "/manifest.json\""));
            assertFalse(html.contains("id=\"install\" hidden"));
            assertEquals("no-referrer", response.header("Referrer-Policy"));
            assertTrue(response.header("Content-Security-Policy").contains("script-src 'nonce-"));
        }
    }

    @Test
    void badConfigShowsTheCodecsProblemsOnTheForm() throws IOException {
        try (Response response = get("/stremio/torz/" + cfg("not-a-uuid", "") + "/configure")) {
            assertEquals(400, response.code());
            String html = response.body().string();
            assertTrue(html.contains("<li>The user ID is not in the right form: it looks like"), html);
            assertTrue(html.contains("value=\"not-a-uuid\""), "the bad value stays in the form: " + html);
            assertTrue(html.contains("id=\"install\" hidden"));
        }
    }

    @Test
    void hostileInputIsEscaped() throws IOException {
        String hostile = "\"><script>alert(1)</script>";
        FormBody form = new FormBody.Builder().add("store", "tb").add("kind", "token").add("credential", "tok")
                .add("sort", hostile).build();
        try (Response response = post(form, false)) {
            assertEquals(400, response.code());
            String html = response.body().string();
            assertFalse(html.contains("<script>alert(1)"), html);
            assertTrue(html.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), html);
        }
        String legacy = cfg("", "tok\"><img src=x onerror=alert(1)>");
        try (Response response = get("/stremio/torz/" + legacy + "/configure")) {
            String html = response.body().string();
            assertFalse(html.contains("<img src=x"), html);
        }
    }

    @Test
    void formPostRedirectsToTheConfiguredPage() throws IOException {
        FormBody form = new FormBody.Builder().add("store", "tb").add("kind", "auth").add("credential", USER)
                .add("cached", "on").add("sort", "-size").build();
        try (Response response = post(form, false)) {
            assertEquals(303, response.code());
            assertEquals("/stremio/torz/" + cfg(USER, "") + "/configure", response.header("Location"));
        }
    }

    @Test
    void scriptPostGetsLinksOrFieldProblemsAsJson() throws IOException {
        FormBody good = new FormBody.Builder().add("store", "rd").add("kind", "token").add("credential", "RDTOKEN")
                .build();
        try (Response response = post(good, true)) {
            assertEquals(200, response.code());
            JsonNode links = JSON.readTree(response.body().string());
            String manifest = links.path("manifestUrl").asText();
            assertTrue(manifest.startsWith("https://chill.example.com/stremio/torz/"));
            assertEquals("stremio://" + manifest.substring("https://".length()), links.path("stremioUrl").asText());
            assertTrue(links.path("webUrl").asText().startsWith("https://web.stremio.com/#/addons?addon=https%3A%2F%2F"));
        }
        FormBody bad = new FormBody.Builder().add("store", "tb").add("kind", "auth").add("credential", "nope")
                .add("sort", "-colour").build();
        try (Response response = post(bad, true)) {
            assertEquals(400, response.code());
            JsonNode error = JSON.readTree(response.body().string()).path("error");
            assertEquals("bad_config", error.path("code").asText());
            assertTrue(error.path("message").asText().contains("stores[0].auth: The user ID is not in the right form"));
            assertEquals("stores[0].auth", error.path("problems").get(0).path("field").asText());
            assertEquals("sort", error.path("problems").get(1).path("field").asText());
        }
    }

    /** The pool serves every debrid service (each with keys of its own): the page offers a pool user on each. */
    @Test
    void thePoolUserChoiceIsOfferedForEveryStore() throws IOException {
        try (Response response = get("/stremio/torz/configure")) {
            String html = response.body().string();
            assertTrue(html.contains("<option value=\"tb\" data-pool selected>"), html);
            for (String other : new String[] {"rd", "ad", "pm", "dl"}) {
                assertTrue(html.contains("<option value=\"" + other + "\" data-pool>"), other);
            }
            assertTrue(html.contains("<option value=\"auth\" selected>"), "TorBox offers the pool");
        }
        String realDebrid = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.own(StoreName.REALDEBRID, "RDTOKEN")), List.of(),
                false, false, "", ""));
        try (Response response = get("/stremio/torz/" + realDebrid + "/configure")) {
            String html = response.body().string();
            assertFalse(html.contains("<option value=\"auth\" disabled>"), html);
            assertTrue(html.contains("<option value=\"token\" selected>"), html);
        }
        FormBody paired = new FormBody.Builder().add("store", "rd").add("kind", "auth").add("credential", USER).build();
        try (Response response = post(paired, true)) {
            assertEquals(200, response.code(), "a Real-Debrid pool user is a valid config");
        }
    }
}
