package dev.chillproxy.server.stremio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import dev.chillproxy.server.limits.IpLimit;
import dev.chillproxy.server.RouteTable;
import dev.chillproxy.core.store.StoreName;
import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.core.client.TrustedProxies;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManifestRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "123e4567-e89b-12d3-a456-426614174000";
    private final OkHttpClient client = new OkHttpClient();
    private Javalin app;

    private void start(TrustedProxies trusted) {
        ManifestRoutes routes = new ManifestRoutes("1.2.3", trusted, false);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            RouteTable.stremioPages(config.routes, routes, new ConfigureRoutes(URI.create("https://chill.example.com")), IpLimit.none());
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        client.connectionPool().evictAll();
        if (app != null) {
            app.stop();
        }
    }

    private JsonNode get(String path, String... headers) throws IOException {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + app.port() + path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            JsonNode body = JSON.readTree(response.body().string());
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_status", response.code());
            return body;
        }
    }

    @Test
    void unconfiguredManifestRequiresConfiguration() throws IOException {
        start(TrustedProxies.none());
        JsonNode manifest = get("/stremio/torz/manifest.json");
        assertEquals(200, manifest.path("_status").asInt());
        assertEquals("local.chillproxy.torz", manifest.path("id").asText());
        assertEquals("1.2.3", manifest.path("version").asText());
        assertEquals("Chillproxy Torz", manifest.path("name").asText());
        JsonNode resource = manifest.path("resources").get(0);
        assertEquals("stream", resource.path("name").asText());
        assertEquals("[\"movie\",\"series\"]", resource.path("types").toString());
        assertEquals("[\"tt\"]", resource.path("idPrefixes").toString());
        assertTrue(manifest.path("catalogs").isArray());
        assertTrue(manifest.path("behaviorHints").path("configurable").asBoolean());
        assertTrue(manifest.path("behaviorHints").path("configurationRequired").asBoolean());
    }

    @Test
    void configuredManifestNamesTheStores() throws IOException {
        start(TrustedProxies.none());
        String cfg = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, USER),
                StoreConfig.own(StoreName.REALDEBRID, "RDTOKEN")), List.of(), false, false, "", ""));
        JsonNode manifest = get("/stremio/torz/" + cfg + "/manifest.json");
        assertEquals(200, manifest.path("_status").asInt());
        assertFalse(manifest.path("behaviorHints").path("configurationRequired").asBoolean());
        assertTrue(manifest.path("description").asText().endsWith("TB | RD"), manifest.path("description").asText());
        assertFalse(manifest.toString().contains("RDTOKEN"));
    }

    @Test
    void badConfigIsJson400NamingTheField() throws IOException {
        start(TrustedProxies.none());
        String cfg = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, "not-a-uuid")), List.of(),
                false, false, "", ""));
        JsonNode body = get("/stremio/torz/" + cfg + "/manifest.json");
        assertEquals(400, body.path("_status").asInt());
        assertEquals("bad_config", body.path("error").path("code").asText());
        assertEquals("stores[0].auth: not a UUID", body.path("error").path("message").asText());
        JsonNode garbage = get("/stremio/torz/!!not-base64!!/manifest.json");
        assertEquals(400, garbage.path("_status").asInt());
        assertEquals("bad_config", garbage.path("error").path("code").asText());
    }

    @Test
    void idComesFromTheHostAndForwardedHostOnlyFromTrustedPeers() throws IOException {
        start(TrustedProxies.none());
        assertEquals("com.example.proxy.torz",
                get("/stremio/torz/manifest.json", "Host", "proxy.example.com:8443").path("id").asText());
        assertEquals("com.example.proxy.torz", get("/stremio/torz/manifest.json", "Host", "proxy.example.com",
                "X-Forwarded-Host", "evil.attacker.net").path("id").asText());
        stop();
        start(TrustedProxies.parse("127.0.0.1"));
        assertEquals("com.example.public.torz", get("/stremio/torz/manifest.json", "Host", "internal:8080",
                "X-Forwarded-Host", "public.example.com, other").path("id").asText());
    }

    @Test
    void hostIsReversedAndSanitised() {
        assertEquals("local.chillproxy.torz", AddonId.forHost("localhost:8080"));
        assertEquals("local.chillproxy.torz", AddonId.forHost("127.0.0.1"));
        assertEquals("local.chillproxy.torz", AddonId.forHost("[::1]:8080"));
        assertEquals("local.chillproxy.torz", AddonId.forHost(null));
        assertEquals("app.chill.torz", AddonId.forHost("Chill.App"));
        assertEquals("com.example.torz", AddonId.forHost("exa<mple>.com"));
    }
}
