package dev.chillproxy.store.realdebrid;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Fixtures;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.Subscription;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RealDebridStoreTest {

    static final ApiKey KEY = ApiKey.of("RDTOKEN0123456789ABCDEFGHIJ");
    static final String HASH = "2c229180e129280a36ba7f3a22e2f5135a02a766";
    static final String FILES = """
            "files":[{"id":1,"path":"/Show.S01E01.1080p.WEB-DL.mkv","bytes":2147483648,"selected":%s},
                     {"id":2,"path":"/sample.txt","bytes":1024,"selected":0},
                     {"id":3,"path":"/Show.S01E02.1080p.WEB-DL.mkv","bytes":2147483648,"selected":%s}]""";

    static String info(String status, int selected, String links) {
        return "{\"id\":\"ABCDEFGHIJKLM\",\"filename\":\"Show.S01.1080p.WEB-DL\",\"hash\":\"" + HASH + "\","
                + "\"bytes\":4294967296,\"original_bytes\":4294968320,\"progress\":100,\"status\":\"" + status + "\","
                + "\"added\":\"2026-03-08T21:21:28.000Z\"," + FILES.formatted(selected, selected) + ",\"links\":" + links + "}";
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    RealDebridStore store() {
        return new RealDebridStore(Fixtures.http(StoreName.REALDEBRID), server.url("/rest/1.0").toString(), 3,
                Duration.ofMillis(5));
    }

    @Test
    void userWithPremiumSecondsIsPremium() {
        server.enqueue(json("{\"id\":1,\"username\":\"u\",\"email\":\"u@x\",\"type\":\"premium\",\"premium\":86400,"
                + "\"expiration\":\"2099-12-01T00:00:00.000Z\"}"));
        assertEquals(Subscription.PREMIUM, store().user(KEY).subscription());
        server.enqueue(json("{\"id\":1,\"type\":\"free\",\"premium\":0}"));
        assertEquals(Subscription.EXPIRED, store().user(KEY).subscription());
    }

    @Test
    void cacheCheckIsUnsupportedWithoutACall() {
        assertInstanceOf(CacheCheck.Unsupported.class, store().checkCached(KEY, List.of(HASH), null));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void addMagnetWaitsForSelectionAndSelectsOnlyVideoFiles() throws Exception {
        server.enqueue(json(201, "{\"id\":\"ABCDEFGHIJKLM\",\"uri\":\"https://api.real-debrid.com/rest/1.0/torrents/info/ABCDEFGHIJKLM\"}"));
        server.enqueue(json(info("magnet_conversion", 0, "[]")));
        server.enqueue(json(info("waiting_files_selection", 0, "[]")));
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(json(info("downloaded", 1, "[\"https://real-debrid.com/d/A\",\"https://real-debrid.com/d/B\"]")));
        var added = store().addMagnet(KEY, HASH, "203.0.113.7");
        assertEquals("ABCDEFGHIJKLM", added.id());
        assertEquals(MagnetStatus.DOWNLOADED, added.status());
        RecordedRequest add = server.takeRequest();
        assertEquals("/rest/1.0/torrents/addMagnet", add.getTarget());
        assertTrue(Fixtures.form(add).contains("magnet=magnet:?xt=urn:btih:" + HASH));
        assertTrue(Fixtures.form(add).contains("ip=203.0.113.7"));
        server.takeRequest();
        server.takeRequest();
        RecordedRequest select = server.takeRequest();
        assertEquals("/rest/1.0/torrents/selectFiles/ABCDEFGHIJKLM", select.getTarget());
        assertEquals("files=1,3", Fixtures.form(select));
    }

    @Test
    void selectionAlreadyDoneIsAccepted() {
        server.enqueue(json(201, "{\"id\":\"X1\"}"));
        server.enqueue(json(info("waiting_files_selection", 0, "[]")));
        server.enqueue(new MockResponse.Builder().code(202).build());
        server.enqueue(json(info("downloading", 1, "[]")));
        assertEquals(MagnetStatus.DOWNLOADING, store().addMagnet(KEY, HASH, null).status());
    }

    @Test
    void magnetMapsLinksOntoSelectedFilesInOrder() {
        server.enqueue(json(info("downloaded", 1, "[\"https://real-debrid.com/d/A\",\"https://real-debrid.com/d/B\"]")));
        var magnet = store().magnet(KEY, "ABCDEFGHIJKLM");
        assertEquals(HASH, magnet.hash());
        assertEquals(4294968320L, magnet.size());
        assertEquals(0, magnet.files().get(0).index());
        assertEquals("Show.S01E01.1080p.WEB-DL.mkv", magnet.files().get(0).path());
        assertEquals("https://real-debrid.com/d/A", magnet.files().get(0).linkHandle());
        assertNull(magnet.files().get(1).linkHandle());
        assertEquals("https://real-debrid.com/d/B", magnet.files().get(2).linkHandle());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401|{\"error\":\"bad_token\",\"error_code\":8}|UNAUTHORIZED",
        "403|{\"error\":\"permission_denied\",\"error_code\":9}|FORBIDDEN",
        "403|{\"error\":\"disabled_endpoint\",\"error_code\":37}|NOT_IMPLEMENTED",
        "404|{\"error\":\"unknown_ressource\",\"error_code\":7}|NOT_FOUND",
        "451|{\"error\":\"infringing_file\",\"error_code\":35}|UNAVAILABLE_FOR_LEGAL_REASONS",
        "509|{\"error\":\"too_many_active_downloads\",\"error_code\":21}|STORE_LIMIT_EXCEEDED",
        "400|{\"error\":\"torrent_too_big\",\"error_code\":29}|UNPROCESSABLE_ENTITY",
        "400|{\"error\":\"torrent_file_invalid\",\"error_code\":30}|BAD_REQUEST",
        "403|{\"error\":\"traffic_exhausted\",\"error_code\":23}|STORE_LIMIT_EXCEEDED",
        "403|{\"error\":\"something_new\"}|FORBIDDEN"})
    void errorsMapToCodes(int status, String body, ErrorCode expected) {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(status, body));
        }
        StoreException e = assertThrows(StoreException.class, () -> store().addMagnet(KEY, HASH, null));
        assertEquals(expected, e.code());
        assertEquals(status, e.upstreamStatus());
    }

    @Test
    void serviceUnavailableIsRetriedThenMapped() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{\"error\":\"file_unavailable\",\"error_code\":24}"));
        }
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE,
                assertThrows(StoreException.class, () -> store().generateLink(KEY, "https://real-debrid.com/d/A", null)).code());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void listReadsTotalCountAndToleratesEmpty204() throws Exception {
        server.enqueue(json("[" + info("downloaded", 1, "[]") + "]").newBuilder().addHeader("X-Total-Count", "150").build());
        var page = store().listMagnets(KEY, 0);
        assertEquals(1, page.items().size());
        assertTrue(page.hasMore());
        assertEquals("/rest/1.0/torrents?page=1&limit=100", server.takeRequest().getTarget());
        server.enqueue(new MockResponse.Builder().code(204).build());
        var empty = store().listMagnets(KEY, 1);
        assertTrue(empty.items().isEmpty());
        assertFalse(empty.hasMore());
    }

    @Test
    void deleteAndUnrestrict() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        store().removeMagnet(KEY, "ABCDEFGHIJKLM");
        RecordedRequest delete = server.takeRequest();
        assertEquals("DELETE", delete.getMethod());
        assertEquals("/rest/1.0/torrents/delete/ABCDEFGHIJKLM", delete.getTarget());
        server.enqueue(json("{\"id\":\"XYZ123\",\"download\":\"https://abc12.download.real-debrid.com/d/XYZ123/x.mkv\",\"streamable\":1}"));
        assertEquals("https://abc12.download.real-debrid.com/d/XYZ123/x.mkv",
                store().generateLink(KEY, "https://real-debrid.com/d/A", "203.0.113.7"));
        String form = Fixtures.form(server.takeRequest());
        assertTrue(form.contains("link=https://real-debrid.com/d/A") && form.contains("ip=203.0.113.7"), form);
    }

    @Test
    void idWithPathCharactersIsRejected() {
        assertEquals(ErrorCode.BAD_REQUEST,
                assertThrows(StoreException.class, () -> store().magnet(KEY, "../user")).code());
        assertEquals(0, server.getRequestCount());
    }
}
