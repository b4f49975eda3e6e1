package dev.chillproxy.core.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import dev.chillproxy.core.store.StoreName;
import org.junit.jupiter.api.Test;

class StreamLinksTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
    private final StreamLinks links = new StreamLinks("https://proxy.example/");

    @Test
    void aLinkHasTheStremShapeWithoutADoubleSlash() {
        assertEquals("https://proxy.example/stremio/torz/CFG/_/strem/tt0133093/tb/" + HASH + "/3/The.Matrix.mkv",
                links.strem("CFG", "tt0133093", StoreName.TORBOX, HASH, false, 3, "The.Matrix.mkv"));
    }

    @Test
    void anUnknownFileEndsWithTheIndexAndASlash() {
        assertTrue(links.strem("CFG", "tt0133093", StoreName.TORBOX, HASH, false, -1, "").endsWith("/" + HASH + "/-1/"));
        assertTrue(links.strem("CFG", "tt0133093", StoreName.TORBOX, HASH, false, -1, null).endsWith("/" + HASH + "/-1/"));
    }

    @Test
    void idAndNameArePercentEncodedWithoutPlus() {
        String name = "Breaking Bad S01E02 [1080p] + extras/ü #1?.mkv";
        String url = links.strem("CFG", "tt0903747:1:2", StoreName.TORBOX, HASH, false, 1, name);

        String[] segments = URI.create(url).getRawPath().split("/");
        assertEquals("tt0903747%3A1%3A2", segments[segments.length - 5]);
        String encodedName = segments[segments.length - 1];
        assertFalse(encodedName.contains("+"), encodedName);
        assertFalse(encodedName.contains(" "), encodedName);
        assertFalse(encodedName.contains("/"), "a slash in the name stays inside its segment: " + encodedName);
        assertEquals(name, URLDecoder.decode(encodedName, StandardCharsets.UTF_8), "decodes back to the name");
        assertEquals(11, segments.length, "no extra path segment: " + url);
    }

    @Test
    void aPrivateUploadIsOnlyAMarkOnTheHashSegmentNeverTheTorrentUrl() {
        String url = links.strem("CFG", "tt0133093", StoreName.TORBOX, HASH, true, -1, "");

        String[] segments = URI.create(url).getRawPath().split("/");
        assertEquals(HASH + "-p", segments[segments.length - 2], "the .torrent link stays on the server");
    }

    @Test
    void theConfigurePageWithAndWithoutAConfig() {
        assertEquals("https://proxy.example/stremio/torz/configure", links.configurePage(""));
        assertEquals("https://proxy.example/stremio/torz/configure", links.configurePage(null));
        assertEquals("https://proxy.example/stremio/torz/CFG/configure", links.configurePage("CFG"));
    }
}
