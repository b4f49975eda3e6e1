package dev.chillproxy.core.stremio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.store.StoreName;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;

class TorzManifestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void unconfiguredManifestAsksForConfiguration() throws Exception {
        String manifest = json.writeValueAsString(TorzManifest.create("dev.chillproxy.torz", "0.1.0", null, false));
        assertEquals("{\"id\":\"dev.chillproxy.torz\",\"version\":\"0.1.0\",\"name\":\"Chillproxy Torz\","
                + "\"description\":\"Torz streams through your debrid pool\","
                + "\"resources\":[{\"name\":\"stream\",\"types\":[\"movie\",\"series\"],\"idPrefixes\":[\"tt\"]}],"
                + "\"types\":[\"movie\",\"series\"],\"catalogs\":[],"
                + "\"behaviorHints\":{\"configurable\":true,\"configurationRequired\":true}}", manifest);
    }

    @Test
    void configuredManifestNamesTheStoresAndNeverTheirSecrets() throws Exception {
        TorzConfig config = new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, "8f14e45f-ceea-467f-a0e6-6a1c3d2b9e01"),
                StoreConfig.own(StoreName.REALDEBRID, "rd-secret-token-123456")), List.of(), false, false, "", "");
        Manifest manifest = TorzManifest.create("dev.chillproxy.torz", "0.1.0", config, false);
        assertEquals("Torz streams through your debrid pool — TB | RD", manifest.description());
        assertFalse(manifest.behaviorHints().configurationRequired());
        assertTrue(manifest.behaviorHints().configurable());
        String body = json.writeValueAsString(manifest);
        assertFalse(body.contains("rd-secret") || body.contains("8f14e45f"), body);
    }

    @Test
    void withAnimeMappingStremioAlsoSendsKitsuAndMalIds() {
        ManifestResource stream = TorzManifest.create("x.torz", "1.2.3", null, true).resources().get(0);
        assertEquals(List.of("tt", "kitsu:", "mal:"), stream.idPrefixes());
        assertEquals(List.of("movie", "series", "anime"), stream.types());
    }

    @Test
    void readsBackFromJson() throws Exception {
        Manifest manifest = TorzManifest.create("x.torz", "1.2.3", null, false);
        assertEquals(manifest, json.readValue(json.writeValueAsString(manifest), Manifest.class));
    }
}
