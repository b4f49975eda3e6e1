package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.server.fakes.DataDirectory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnimeMappingLoaderTest {

    static final String LIST = AnimeEndToEndTest.LIST;
    static final String OTHER_LIST = """
            [{"type":"TV","kitsu_id":8671,"imdb_id":"tt9999999","season":{"tvdb":4}}]""";

    @StartStop
    final MockWebServer server = new MockWebServer();
    final DataDirectory dataDir = DataDirectory.create("anime-mapping-test");
    final OkHttpClient http = new OkHttpClient();
    AnimeMappingLoader loader;

    @AfterEach
    void close() {
        if (loader != null) {
            loader.close();
        }
        dataDir.close();
    }

    private AnimeMappingLoader loader(long maxBytes) {
        loader = new AnimeMappingLoader(http, Optional.of(URI.create(server.url("/anime-list-full.json").toString())),
                dataDir.path(), maxBytes);
        return loader;
    }

    private static String mapped(AnimeMappingLoader loader) throws Exception {
        return loader.resolve(StremioId.parse("series", "kitsu:8671:5")).raw();
    }

    private Path diskCopy() {
        return dataDir.path().resolve(AnimeMappingLoader.FILE_NAME);
    }

    @Test
    void aDownloadMapsAndIsKeptOnDisk() throws Exception {
        server.enqueue(new MockResponse.Builder().body(LIST).build());
        AnimeMappingLoader loader = loader(AnimeMappingLoader.MAX_BYTES);
        assertEquals("kitsu:8671:5", mapped(loader), "nothing loaded yet: the id as it came");

        loader.refresh();

        assertEquals("tt2560140:2:5", mapped(loader));
        assertEquals(LIST, Files.readString(diskCopy()));
    }

    @Test
    void aBadOversizedOrUnreachableListKeepsTheOneInUseAndItsDiskCopy() throws Exception {
        AnimeMappingLoader loader = loader(LIST.length() + 100L);
        server.enqueue(new MockResponse.Builder().body(LIST).build());
        loader.refresh();
        server.enqueue(new MockResponse.Builder().body("[{\"kitsu_id\":8671,\"imdb_id\":\"tt9999999\"").build());
        server.enqueue(new MockResponse.Builder().body("<html>not json</html>").build());
        server.enqueue(new MockResponse.Builder().body(OTHER_LIST + " ".repeat(LIST.length() + 200)).build());
        server.enqueue(new MockResponse.Builder().code(500).body(OTHER_LIST).build());

        for (int i = 0; i < 4; i++) {
            loader.refresh();
            assertEquals("tt2560140:2:5", mapped(loader), "attempt " + i);
            assertEquals(LIST, Files.readString(diskCopy()), "attempt " + i);
        }
        server.close();
        loader.refresh();
        assertEquals("tt2560140:2:5", mapped(loader), "unreachable");
        assertEquals(LIST, Files.readString(diskCopy()));
        assertFalse(Files.exists(diskCopy().resolveSibling(AnimeMappingLoader.FILE_NAME + ".part")));
    }

    @Test
    void aRestartWithoutNetworkMapsFromTheDiskCopy() throws Exception {
        Files.writeString(diskCopy(), LIST, StandardCharsets.UTF_8);
        server.close(); // no network

        AnimeMappingLoader loader = loader(AnimeMappingLoader.MAX_BYTES);
        loader.start(Duration.ofDays(1));

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (mapped(loader).startsWith("kitsu") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals("tt2560140:2:5", mapped(loader));
        Thread.sleep(200); // the failed download that follows keeps it
        assertEquals("tt2560140:2:5", mapped(loader));
        assertEquals(LIST, Files.readString(diskCopy()));
    }

    @Test
    void startingNeverWaitsForTheDownload() throws Exception {
        server.enqueue(new MockResponse.Builder().body(LIST).headersDelay(2, TimeUnit.SECONDS).build());
        AnimeMappingLoader loader = loader(AnimeMappingLoader.MAX_BYTES);

        long started = System.nanoTime();
        loader.start(Duration.ofDays(1));
        String before = mapped(loader);

        assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals("kitsu:8671:5", before, "until loaded, an anime id behaves as before");
    }

    @Test
    void anEmptyUrlTurnsMappingOff() throws Exception {
        Files.writeString(diskCopy(), LIST, StandardCharsets.UTF_8);
        loader = new AnimeMappingLoader(http, Optional.empty(), dataDir.path(), AnimeMappingLoader.MAX_BYTES);

        loader.start(Duration.ofDays(1));
        Thread.sleep(200);

        assertEquals("kitsu:8671:5", mapped(loader));
        assertEquals(0, server.getRequestCount());
    }
}
