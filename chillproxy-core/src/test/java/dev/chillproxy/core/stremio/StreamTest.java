package dev.chillproxy.core.stremio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StreamTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void infoStreamWithoutUrlLinksToStremioSoItIsListed() throws Exception {
        Stream info = Stream.info("Configure first", "Open the configure page to pick a store.", null);
        assertEquals("{\"name\":\"Chillproxy\\nConfigure first\",\"description\":\"Open the configure page to pick a store.\","
                + "\"externalUrl\":\"stremio:///\"}", json.writeValueAsString(info));
    }

    @Test
    void infoStreamWithUrlPlaysIt() throws Exception {
        Stream info = Stream.info("TB error", "Invalid TorBox ApiKey/Token!", "https://host/static/401.mp4");
        assertEquals("{\"name\":\"Chillproxy\\nTB error\",\"description\":\"Invalid TorBox ApiKey/Token!\","
                + "\"url\":\"https://host/static/401.mp4\"}", json.writeValueAsString(info));
    }

    @Test
    void debridStreamCarriesItsHints() throws Exception {
        Stream stream = new Stream("⚡️ [TB]\nTorz\n1080p", "📄 Show.S01E02.mkv", "https://host/strem/x", null, null, null,
                new StreamBehaviorHints("torz:abc", "Show.S01E02.mkv", 2254857830L, null));
        String body = json.writeValueAsString(new StreamResponse(List.of(stream)));
        assertEquals("{\"streams\":[{\"name\":\"⚡️ [TB]\\nTorz\\n1080p\",\"description\":\"📄 Show.S01E02.mkv\","
                + "\"url\":\"https://host/strem/x\",\"behaviorHints\":{\"bingeGroup\":\"torz:abc\","
                + "\"filename\":\"Show.S01E02.mkv\",\"videoSize\":2254857830}}]}", body);
        assertEquals(new StreamResponse(List.of(stream)), json.readValue(body, StreamResponse.class));
    }

    @Test
    void aStreamNeedsASource() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new Stream("n", "d", null, null, null, " ", null));
        assertThrows(IllegalArgumentException.class, () -> new Stream("n", "d", null, "abc", -1, null, null));
        assertEquals("{\"streams\":[]}", json.writeValueAsString(new StreamResponse(null)));
    }
}
