package dev.chillproxy.store.torbox;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Fixtures;
import dev.chillproxy.store.MagnetPage;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TorBoxStoreTest {

    static final ApiKey KEY = ApiKey.of("0f1e2d3c-4b5a-6978-8899-aabbccddeeff");
    static final String HASH = "2c229180e129280a36ba7f3a22e2f5135a02a766";
    static final String TORRENT = """
            {"id":123456,"hash":"2C229180E129280A36BA7F3A22E2F5135A02A766","name":"Show.S01.1080p.WEB-DL",
             "created_at":"2026-03-08T21:21:28Z","size":4294967296,"active":false,"download_state":"cached",
             "progress":1,"download_present":true,"download_finished":true,
             "files":[{"id":0,"md5":null,"name":"Show.S01.1080p.WEB-DL/Show.S01E01.1080p.WEB-DL.mkv","size":2147483648,
               "short_name":"Show.S01E01.1080p.WEB-DL.mkv","mimetype":"video/x-matroska","opensubtitles_hash":null},
              {"id":1,"name":"Show.S01.1080p.WEB-DL/sample.txt","size":1024,"short_name":"sample.txt"}]}""";

    @StartStop
    final MockWebServer server = new MockWebServer();

    TorBoxStore store() {
        return new TorBoxStore(Fixtures.http(StoreName.TORBOX), server.url("/").toString());
    }

    static String ok(String data) {
        return "{\"success\":true,\"error\":null,\"detail\":\"ok\",\"data\":" + data + "}";
    }

    @Test
    void userWithPaidPlanIsPremiumAndSendsBearer() throws Exception {
        server.enqueue(json(ok("""
                {"id":123456,"email":"user@example.com","plan":2,"is_subscribed":true,
                 "premium_expires_at":"2099-12-01T00:00:00Z","cooldown_until":null}""")));
        var user = store().user(KEY);
        assertEquals(Subscription.PREMIUM, user.subscription());
        assertEquals("user@example.com", user.email());
        assertEquals(Instant.parse("2099-12-01T00:00:00Z"), user.premiumUntil());
        RecordedRequest request = server.takeRequest();
        assertEquals("/v1/api/user/me?settings=false", request.getTarget());
        assertEquals("Bearer " + KEY.reveal(), request.getHeaders().get("Authorization"));
        assertEquals("chillproxy/test", request.getHeaders().get("User-Agent"));
    }

    @ParameterizedTest
    @CsvSource({"0,2099-01-01T00:00:00Z", "1,2001-01-01T00:00:00.5+00:00"})
    void freePlanOrPastExpiryIsExpired(int plan, String expiry) {
        server.enqueue(json(ok("{\"id\":1,\"plan\":" + plan + ",\"premium_expires_at\":\"" + expiry + "\"}")));
        assertEquals(Subscription.EXPIRED, store().user(KEY).subscription());
    }

    @Test
    void badTokenIsUnauthorizedWithRawCode() {
        server.enqueue(json(403, "{\"success\":false,\"error\":\"BAD_TOKEN\",\"detail\":\"The provided token is invalid.\",\"data\":null}"));
        StoreException e = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
        assertEquals(403, e.upstreamStatus());
        assertEquals("BAD_TOKEN", e.upstreamCode().orElseThrow());
        assertEquals(StoreName.TORBOX, e.store());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void checkCachedPostsAllHashesInOneBodyAndReadsTheList() throws Exception {
        server.enqueue(json(ok("""
                [{"name":"Show.S01.1080p.WEB-DL","size":4294967296,"hash":"2C229180E129280A36BA7F3A22E2F5135A02A766",
                  "files":[{"name":"Show.S01.1080p.WEB-DL/Show.S01E01.1080p.WEB-DL.mkv","size":2147483648},
                           {"name":"Show.S01.1080p.WEB-DL/sample.txt","size":1024}]}]""")));
        String other = "f3633cefd078e25b96978c4ae2f032f08403feab";
        CacheCheck check = store().checkCached(KEY, List.of(HASH.toUpperCase(), "magnet:?xt=urn:btih:" + other, HASH),
                "203.0.113.7");
        CacheCheck.Checked checked = (CacheCheck.Checked) check;
        assertTrue(checked.isCached(HASH));
        assertFalse(checked.isCached(other));
        var item = checked.cached().get(HASH);
        assertEquals(4294967296L, item.size());
        assertEquals(2, item.files().size());
        assertEquals("Show.S01E01.1080p.WEB-DL.mkv", item.files().get(0).name());
        assertEquals("Show.S01.1080p.WEB-DL/Show.S01E01.1080p.WEB-DL.mkv", item.files().get(0).path());
        assertEquals(-1, item.files().get(0).index());
        RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("/v1/api/torrents/checkcached?format=list&list_files=true", request.getTarget());
        JsonNode body = Fixtures.JSON.readTree(request.getBody().utf8());
        assertEquals(List.of(HASH, other), List.of(body.get("hashes").get(0).asText(), body.get("hashes").get(1).asText()));
        assertEquals(2, body.get("hashes").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "[]"})
    void emptyCacheAnswersMeanNoneCached(String data) {
        server.enqueue(json(ok(data)));
        CacheCheck.Checked checked = (CacheCheck.Checked) store().checkCached(KEY, List.of(HASH), null);
        assertTrue(checked.cached().isEmpty());
    }

    @Test
    void objectFormatIsAlsoAccepted() {
        server.enqueue(json(ok("{\"" + HASH + "\":{\"name\":\"x\",\"size\":5,\"hash\":\"" + HASH + "\"}}")));
        assertTrue(((CacheCheck.Checked) store().checkCached(KEY, List.of(HASH), null)).isCached(HASH));
    }

    @Test
    void checkCachedChunksOnlyAbove500() throws Exception {
        List<String> hashes = IntStream.range(0, 501).mapToObj(i -> String.format("%040x", i + 1)).toList();
        server.enqueue(json(ok("[]")));
        server.enqueue(json(ok("[{\"hash\":\"" + hashes.get(500) + "\",\"name\":\"last\",\"size\":1}]")));
        CacheCheck.Checked checked = (CacheCheck.Checked) store().checkCached(KEY, hashes, null);
        assertTrue(checked.isCached(hashes.get(500)));
        assertEquals(500, Fixtures.JSON.readTree(server.takeRequest().getBody().utf8()).get("hashes").size());
        assertEquals(1, Fixtures.JSON.readTree(server.takeRequest().getBody().utf8()).get("hashes").size());

        server.enqueue(json(ok("[]")));
        store().checkCached(KEY, hashes.subList(0, 500), null);
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void checkCachedRejectsGarbageWithoutCalling() {
        StoreException e = assertThrows(StoreException.class,
                () -> store().checkCached(KEY, List.of(HASH, "not-a-hash"), null));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("hashes[1]"));
        assertTrue(((CacheCheck.Checked) store().checkCached(KEY, List.of(), null)).cached().isEmpty());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void addMagnetFromHashSendsMagnetFormAndReturnsTorrentId() throws Exception {
        server.enqueue(json(ok("{\"torrent_id\":31700733,\"hash\":\"" + HASH + "\",\"auth_id\":\"x\"}")));
        AddedMagnet added = store().addMagnet(KEY, HASH.toUpperCase(), "203.0.113.7");
        assertEquals(new AddedMagnet("31700733", HASH, MagnetStatus.QUEUED, false), added);
        RecordedRequest request = server.takeRequest();
        assertEquals("/v1/api/torrents/createtorrent", request.getTarget());
        String form = Fixtures.form(request);
        assertTrue(form.contains("magnet=magnet:?xt=urn:btih:" + HASH), form);
        assertTrue(form.contains("allow_zip=false"), form);
        assertFalse(form.contains("seed="), form);
    }

    @Test
    void queuedIdMeansQueuedOnly() {
        server.enqueue(json(ok("{\"queued_id\":77,\"hash\":\"" + HASH + "\"}")));
        AddedMagnet added = store().addMagnet(KEY, "magnet:?xt=urn:btih:" + HASH + "&dn=Show", null);
        assertTrue(added.queuedOnly());
        assertEquals("77", added.id());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400|{\"success\":false,\"error\":\"ACTIVE_LIMIT\",\"detail\":\"You have reached your active torrent download limit\",\"data\":null}|STORE_LIMIT_EXCEEDED",
        "200|{\"success\":false,\"error\":null,\"detail\":\"\",\"data\":{\"active_limit\":3,\"current_active_downloads\":3}}|STORE_LIMIT_EXCEEDED",
        "400|{\"success\":false,\"error\":null,\"detail\":\"No servers available for download this torrent. Please try again later.\",\"data\":null}|SERVICE_UNAVAILABLE",
        "400|{\"success\":false,\"error\":\"DIFF_ISSUE\",\"detail\":\"You have reached the maximum queued downloads\",\"data\":null}|STORE_LIMIT_EXCEEDED",
        "400|{\"success\":false,\"error\":\"DIFF_ISSUE\",\"detail\":\"This torrent is already queued\",\"data\":null}|CONFLICT",
        "400|{\"success\":false,\"error\":\"DOWNLOAD_TOO_LARGE\",\"detail\":\"too big\",\"data\":null}|UNPROCESSABLE_ENTITY",
        "400|{\"success\":false,\"error\":\"BOZO_TORRENT\",\"detail\":\"bad\",\"data\":null}|BAD_REQUEST",
        "400|{\"success\":false,\"error\":\"DUPLICATE_ITEM\",\"detail\":\"dup\",\"data\":null}|CONFLICT",
        "400|{\"success\":false,\"error\":\"COOLDOWN_LIMIT\",\"detail\":\"wait\",\"data\":null}|TOO_MANY_REQUESTS",
        "400|{\"success\":false,\"error\":\"PLAN_RESTRICTED_FEATURE\",\"detail\":\"upgrade\",\"data\":null}|PAYMENT_REQUIRED",
        "400|{\"success\":false,\"error\":\"MONTHLY_LIMIT\",\"detail\":\"m\",\"data\":null}|STORE_LIMIT_EXCEEDED",
        "403|{\"success\":false,\"error\":\"NO_AUTH\",\"detail\":\"\",\"data\":null}|UNAUTHORIZED",
        "400|{\"success\":false,\"error\":\"SOMETHING_NEW\",\"detail\":\"?\",\"data\":null}|BAD_REQUEST",
        "200|{\"success\":true,\"error\":\"LINK_OFFLINE\",\"detail\":\"offline\",\"data\":null}|SERVICE_UNAVAILABLE",
        "200|{\"success\":false,\"error\":\"VENDOR_DISABLED\",\"detail\":\"\",\"data\":null}|SERVICE_UNAVAILABLE"})
    void addMagnetFailuresMapToCodes(int status, String body, ErrorCode expected) {
        server.enqueue(json(status, body));
        StoreException e = assertThrows(StoreException.class, () -> store().addMagnet(KEY, HASH, null));
        assertEquals(expected, e.code());
        assertEquals(status, e.upstreamStatus());
    }

    /** Bencode with raw SHA-1 bytes inside, as real .torrent files have: not valid UTF-8. */
    static final byte[] TORRENT_FILE = concat("d8:announce31:http://tracker.example/announce4:infod6:lengthi7e4:name5:a.mkv"
            + "12:piece lengthi16384e6:pieces20:", new byte[] {(byte) 0x9f, 0x00, (byte) 0xff, (byte) 0xc3, 0x28,
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, "7:privatei1eee");

    static byte[] concat(String head, byte[] middle, String tail) {
        okio.Buffer buffer = new okio.Buffer().writeUtf8(head).write(middle).writeUtf8(tail);
        return buffer.readByteArray();
    }

    @Test
    void addTorrentUploadsTheFileAsMultipartWithTheGivenKey() throws Exception {
        server.enqueue(json(ok("{\"torrent_id\":31700734,\"hash\":\"" + HASH.toUpperCase() + "\",\"auth_id\":\"x\"}")));
        AddedMagnet added = store().addTorrent(KEY, TORRENT_FILE, HASH + ".torrent", "203.0.113.7");
        assertEquals(new AddedMagnet("31700734", HASH, MagnetStatus.QUEUED, false), added);
        RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("/v1/api/torrents/createtorrent", request.getTarget());
        assertEquals("Bearer " + KEY.reveal(), request.getHeaders().get("Authorization"));
        assertTrue(request.getHeaders().get("Content-Type").startsWith("multipart/form-data; boundary="),
                request.getHeaders().get("Content-Type"));
        okio.ByteString body = request.getBody();
        String text = body.string(java.nio.charset.StandardCharsets.ISO_8859_1);
        int filePart = text.indexOf("Content-Disposition: form-data; name=\"file\"; filename=\"" + HASH + ".torrent\"");
        assertTrue(filePart >= 0, text);
        assertTrue(text.indexOf("Content-Type: application/x-bittorrent", filePart) > filePart, text);
        assertTrue(body.indexOf(okio.ByteString.of(TORRENT_FILE)) > filePart, "the file part carries the exact bytes");
        assertTrue(text.contains("Content-Disposition: form-data; name=\"allow_zip\"\r\n\r\nfalse\r\n"),
                text);
        assertFalse(text.contains("name=\"magnet\""), text);
        assertFalse(text.contains("name=\"seed\""), text);
    }

    @Test
    void addTorrentQueuedAndFailuresAnswerLikeMagnetAdds() {
        server.enqueue(json(ok("{\"queued_id\":78}")));
        AddedMagnet queued = store().addTorrent(KEY, TORRENT_FILE, null, null);
        assertTrue(queued.queuedOnly());
        assertEquals("78", queued.id());
        server.enqueue(json(400, "{\"success\":false,\"error\":\"ACTIVE_LIMIT\",\"detail\":\"limit\",\"data\":null}"));
        StoreException limited = assertThrows(StoreException.class, () -> store().addTorrent(KEY, TORRENT_FILE, "x.torrent", null));
        assertEquals(ErrorCode.STORE_LIMIT_EXCEEDED, limited.code());
        assertFalse(limited.getMessage().contains(KEY.reveal()), limited.getMessage());
    }

    @Test
    void emptyTorrentFileIsBadRequestWithoutCall() {
        assertEquals(ErrorCode.BAD_REQUEST,
                assertThrows(StoreException.class, () -> store().addTorrent(KEY, new byte[0], "x.torrent", null)).code());
        assertEquals(ErrorCode.BAD_REQUEST,
                assertThrows(StoreException.class, () -> store().addTorrent(KEY, null, "x.torrent", null)).code());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void magnetByIdReadsObjectWithFilesAndLinkHandles() throws Exception {
        server.enqueue(json(ok(TORRENT)));
        StoreMagnet magnet = store().magnet(KEY, "123456");
        assertEquals(MagnetStatus.DOWNLOADED, magnet.status());
        assertEquals(HASH, magnet.hash());
        assertEquals(4294967296L, magnet.size());
        assertEquals(Instant.parse("2026-03-08T21:21:28Z"), magnet.addedAt());
        assertEquals("123456:0", magnet.files().get(0).linkHandle());
        assertEquals(0, magnet.files().get(0).index());
        assertEquals("Show.S01E01.1080p.WEB-DL.mkv", magnet.files().get(0).name());
        assertEquals("123456:1", magnet.files().get(1).linkHandle());
        assertEquals("/v1/api/torrents/mylist?bypass_cache=true&id=123456", server.takeRequest().getTarget());
    }

    @Test
    void magnetByIdAcceptsArrayAnswer() {
        server.enqueue(json(ok("[{\"id\":9,\"name\":\"other\"}," + TORRENT + "]")));
        assertEquals("Show.S01.1080p.WEB-DL", store().magnet(KEY, "123456").name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200|{\"success\":true,\"error\":null,\"detail\":\"\",\"data\":null}",
        "200|{\"success\":true,\"error\":null,\"detail\":\"\",\"data\":{}}",
        "404|{\"success\":false,\"error\":\"ITEM_NOT_FOUND\",\"detail\":\"nope\",\"data\":null}"})
    void unknownMagnetIsNotFound(int status, String body) {
        server.enqueue(json(status, body));
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(StoreException.class, () -> store().magnet(KEY, "5")).code());
    }

    @Test
    void nonNumericIdIsBadRequestWithoutCall() {
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class, () -> store().magnet(KEY, "abc")).code());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void listTrimsTheExtraItemAndReportsMore() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            items.add("{\"id\":" + i + ",\"hash\":\"" + HASH + "\",\"name\":\"t" + i + "\",\"download_state\":\"downloading\",\"progress\":0.5,\"active\":true}");
        }
        server.enqueue(json(ok("[" + String.join(",", items) + "]")));
        MagnetPage page = store().listMagnets(KEY, 2);
        assertEquals(100, page.items().size());
        assertTrue(page.hasMore());
        assertEquals(MagnetStatus.DOWNLOADING, page.items().get(0).status());
        assertEquals("/v1/api/torrents/mylist?bypass_cache=true&offset=200&limit=100", server.takeRequest().getTarget());
    }

    @Test
    void listNotFoundIsEmpty() {
        server.enqueue(json(404, "{\"success\":false,\"error\":\"ITEM_NOT_FOUND\",\"detail\":\"\",\"data\":null}"));
        MagnetPage page = store().listMagnets(KEY, 0);
        assertTrue(page.items().isEmpty());
        assertFalse(page.hasMore());
    }

    @Test
    void removeSendsDeleteOperation() throws Exception {
        server.enqueue(json(ok("null")));
        store().removeMagnet(KEY, "123456");
        JsonNode body = Fixtures.JSON.readTree(server.takeRequest().getBody().utf8());
        assertEquals(123456, body.get("torrent_id").asLong());
        assertEquals("delete", body.get("operation").asText());
        assertFalse(body.get("all").asBoolean());
    }

    @Test
    void generateLinkAlwaysSendsFileIdAndTokenQuery() throws Exception {
        String cdn = "https://node1.tb-cdn.io/dld/abc?token=cdn-secret-token";
        server.enqueue(json(ok("\"" + cdn + "\"")));
        assertEquals(cdn, store().generateLink(KEY, "123456:0", "203.0.113.7"));
        RecordedRequest request = server.takeRequest();
        assertEquals("/v1/api/torrents/requestdl", request.getUrl().encodedPath());
        assertEquals("0", request.getUrl().queryParameter("file_id"));
        assertEquals("123456", request.getUrl().queryParameter("torrent_id"));
        assertEquals(KEY.reveal(), request.getUrl().queryParameter("token"));
        assertEquals("203.0.113.7", request.getUrl().queryParameter("user_ip"));
        assertEquals("false", request.getUrl().queryParameter("zip_link"));
        assertEquals("false", request.getUrl().queryParameter("redirect"));
        assertNull(request.getHeaders().get("Authorization"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456", "a:b", "1:2:3", ""})
    void malformedLinkHandleIsBadRequest(String handle) {
        assertEquals(ErrorCode.BAD_REQUEST,
                assertThrows(StoreException.class, () -> store().generateLink(KEY, handle, null)).code());
    }

    @Test
    void htmlGatewayPageIsServerDownAfterBoundedRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Fixtures.text(502, "text/html", "<html><body>Bad gateway (Cloudflare)</body></html>"));
        }
        StoreException e = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(ErrorCode.STORE_SERVER_DOWN, e.code());
        assertEquals(502, e.upstreamStatus());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void plainTextSuccessBodyIsAnError() {
        server.enqueue(Fixtures.text(200, "text/plain", "OK"));
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class, () -> store().user(KEY)).code());
    }

    @Test
    void serverErrorEnvelopeIsRetriedThenMapped() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(500, "{\"success\":false,\"error\":\"DATABASE_ERROR\",\"detail\":\"db\",\"data\":null}"));
        }
        StoreException e = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(ErrorCode.INTERNAL_SERVER_ERROR, e.code());
        assertEquals(3, server.getRequestCount());
    }
}
