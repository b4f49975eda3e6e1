package dev.chillproxy.store.realdebrid;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Fixtures;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.store.Subscription;
import dev.chillproxy.store.realdebrid.FakeRealDebrid.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    static final String OTHER = "f3633cefd078e25b96978c4ae2f032f08403feab";
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
    final TestClock clock = new TestClock(Instant.parse("2026-12-02T08:00:00Z"));
    final FakeRealDebrid realDebrid = new FakeRealDebrid(KEY.reveal()).files(HASH,
            new File(1, "/Show.S01/Show.S01E01.1080p.WEB-DL.mkv", 2147483648L), new File(2, "/Show.S01/sample.txt", 1024),
            new File(3, "/Show.S01/Show.S01E02.1080p.WEB-DL.mkv", 2147483648L));

    RealDebridStore store() {
        return new RealDebridStore(Fixtures.http(StoreName.REALDEBRID), server.url("/rest/1.0").toString(), clock);
    }

    RealDebridStore fake() {
        server.setDispatcher(realDebrid);
        return store();
    }

    @ParameterizedTest
    @CsvSource({
        "premium, 86400, 2026-12-03T00:00:00.000Z, PREMIUM",
        "premium, 86400, 2026-12-01T00:00:00.000Z, EXPIRED",
        "free,    86400, 2026-12-03T00:00:00.000Z, EXPIRED",
        "free,    0,     ,                         EXPIRED"})
    void premiumIsThePremiumTypeWithAnExpirationAheadNotPremiumSecondsAlone(String type, long seconds, String expiration,
                                                                            Subscription expected) throws Exception {
        server.enqueue(json("{\"id\":1,\"username\":\"u\",\"email\":\"u@x\",\"type\":\"" + type + "\",\"premium\":" + seconds
                + (expiration == null ? "" : ",\"expiration\":\"" + expiration + "\"") + "}"));
        var user = store().user(KEY);
        assertEquals(expected, user.subscription());
        assertEquals("u@x", user.email());
        RecordedRequest request = server.takeRequest();
        assertEquals("/rest/1.0/user", request.getTarget());
        assertEquals("Bearer " + KEY.reveal(), request.getHeaders().get("Authorization"));
    }

    @Test
    void cacheCheckIsUnsupportedWithoutACall() {
        assertInstanceOf(CacheCheck.Unsupported.class, store().checkCached(KEY, List.of(HASH), null));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void repeatedPlaysOfOneHashAddNothingToTheAccount() {
        RealDebridStore store = fake();
        AddedMagnet first = store.addMagnet(KEY, HASH, "203.0.113.7");
        AddedMagnet again = store.addMagnet(KEY, "magnet:?xt=urn:btih:" + HASH.toUpperCase() + "&dn=Show", null);
        AddedMagnet third = store.addMagnet(KEY, HASH, null);

        assertEquals(first.id(), again.id());
        assertEquals(first.id(), third.id());
        assertEquals(1, realDebrid.torrentCount(), "Real-Debrid does not deduplicate: only one addMagnet was sent");
        assertEquals(1, realDebrid.count("POST torrents/addMagnet"));
        assertEquals(3, realDebrid.count("GET torrents"), "each add looked in the account first");
    }

    @Test
    void aFailedTorrentInTheAccountIsNotReusedAndAnotherHashIsNotMistakenForIt() {
        RealDebridStore store = fake();
        String dead = realDebrid.existing(HASH, "magnet_error");
        realDebrid.existing(OTHER, "downloaded");

        AddedMagnet added = store.addMagnet(KEY, HASH, null);

        assertFalse(added.id().equals(dead));
        assertEquals(1, realDebrid.count("POST torrents/addMagnet"));
    }

    @Test
    void aNewTorrentIsAnsweredAtOnceAsQueuedWithoutWaitingForItsMetadata() {
        realDebrid.conversionReads = 1_000; // metadata that takes longer than any playback deadline
        RealDebridStore store = fake();

        AddedMagnet added = store.addMagnet(KEY, HASH, "203.0.113.7");

        assertEquals(new AddedMagnet(added.id(), HASH, MagnetStatus.QUEUED, false), added);
        assertEquals(List.of("GET torrents", "POST torrents/addMagnet"), realDebrid.requests, "no info poll, no selection");
        assertEquals(MagnetStatus.QUEUED, store.magnet(KEY, added.id()).status());
        assertEquals(0, realDebrid.count("POST torrents/selectFiles"), "never selected while still converting");
    }

    @Test
    void filesAreSelectedOnTheFirstPollAfterTheMetadataArrivedAndACachedTorrentIsReadyOnThatPoll() throws Exception {
        realDebrid.conversionReads = 2;
        RealDebridStore store = fake();
        String id = store.addMagnet(KEY, HASH, null).id();

        assertEquals(MagnetStatus.QUEUED, store.magnet(KEY, id).status(), "still magnet_conversion");
        assertEquals(MagnetStatus.QUEUED, store.magnet(KEY, id).status(), "still magnet_conversion");
        StoreMagnet ready = store.magnet(KEY, id);

        assertEquals(MagnetStatus.DOWNLOADED, ready.status());
        assertEquals(1, realDebrid.count("POST torrents/selectFiles"));
        assertEquals("https://real-debrid.com/d/" + id + "F1", ready.files().get(0).linkHandle());
        assertNull(ready.files().get(1).linkHandle(), "the sample text was not selected");
        assertEquals("https://real-debrid.com/d/" + id + "F3", ready.files().get(2).linkHandle());
        assertEquals("Show.S01/Show.S01E02.1080p.WEB-DL.mkv", ready.files().get(2).path());
        assertEquals(2, ready.files().get(2).index());
        assertEquals(MagnetStatus.DOWNLOADED, store.magnet(KEY, id).status());
        assertEquals(1, realDebrid.count("POST torrents/selectFiles"), "selected once");
    }

    @Test
    void onlyVideoFilesAreSelectedAndATorrentWithoutVideoGetsAllFiles() throws Exception {
        server.enqueue(json(info("waiting_files_selection", 0, "[]")));
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(json(info("downloading", 1, "[]")));
        assertEquals(MagnetStatus.DOWNLOADING, store().magnet(KEY, "ABCDEFGHIJKLM").status());
        server.takeRequest();
        RecordedRequest select = server.takeRequest();
        assertEquals("/rest/1.0/torrents/selectFiles/ABCDEFGHIJKLM", select.getTarget());
        assertEquals("files=1,3", Fixtures.form(select));
        assertEquals("/rest/1.0/torrents/info/ABCDEFGHIJKLM", server.takeRequest().getTarget(), "read again after selecting");

        server.enqueue(json("{\"id\":\"X1\",\"status\":\"waiting_files_selection\",\"files\":[{\"id\":1,\"path\":\"/a.txt\",\"bytes\":3}]}"));
        server.enqueue(new MockResponse.Builder().code(202).build()); // a concurrent poll selected first
        server.enqueue(json("{\"id\":\"X1\",\"status\":\"queued\",\"files\":[]}"));
        assertEquals(MagnetStatus.QUEUED, store().magnet(KEY, "X1").status());
        server.takeRequest();
        assertEquals("files=all", Fixtures.form(server.takeRequest()));
    }

    @Test
    void aTorrentAlreadyInTheAccountIsPlayedFromItsLinks() {
        RealDebridStore store = fake();
        String id = store.addMagnet(KEY, HASH, null).id();
        store.magnet(KEY, id);

        AddedMagnet replay = store.addMagnet(KEY, HASH, null);
        assertEquals(MagnetStatus.DOWNLOADED, replay.status());
        String handle = store.magnet(KEY, replay.id()).files().get(0).linkHandle();
        assertEquals("https://abc12.download.real-debrid.com/d/" + id + "F1/x.mkv", store.generateLink(KEY, handle, null));
    }

    @Test
    void magnetMapsLinksOntoSelectedFilesInOrderAndDeadWithLinksStillPlays() {
        server.enqueue(json(info("downloaded", 1, "[\"https://real-debrid.com/d/A\",\"https://real-debrid.com/d/B\"]")));
        var magnet = store().magnet(KEY, "ABCDEFGHIJKLM");
        assertEquals(HASH, magnet.hash());
        assertEquals(4294968320L, magnet.size());
        assertEquals(0, magnet.files().get(0).index());
        assertEquals("Show.S01E01.1080p.WEB-DL.mkv", magnet.files().get(0).path());
        assertEquals("https://real-debrid.com/d/A", magnet.files().get(0).linkHandle());
        assertNull(magnet.files().get(1).linkHandle());
        assertEquals("https://real-debrid.com/d/B", magnet.files().get(2).linkHandle());

        server.enqueue(json(info("dead", 1, "[\"https://real-debrid.com/d/A\"]")));
        assertEquals(MagnetStatus.DOWNLOADED, store().magnet(KEY, "ABCDEFGHIJKLM").status());
        server.enqueue(json(info("dead", 1, "[]")));
        assertEquals(MagnetStatus.FAILED, store().magnet(KEY, "ABCDEFGHIJKLM").status());
    }

    @ParameterizedTest
    @CsvSource({"magnet_conversion, QUEUED", "queued, QUEUED", "downloading, DOWNLOADING", "compressing, PROCESSING",
        "uploading, UPLOADING", "downloaded, DOWNLOADED", "magnet_error, FAILED", "error, FAILED", "virus, FAILED",
        "something_new, UNKNOWN"})
    void statusesFollowTheReferenceTable(String state, MagnetStatus expected) {
        assertEquals(expected, RealDebridTorrents.status(state));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401|{\"error\":\"bad_token\",\"error_code\":8}|UNAUTHORIZED",
        "401|{}|UNAUTHORIZED",
        "403|{\"error\":\"permission_denied\",\"error_code\":9}|FORBIDDEN",
        "403|{\"error\":\"account_locked\",\"error_code\":14}|FORBIDDEN",
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
        StoreException e = assertThrows(StoreException.class, () -> store().generateLink(KEY, "https://real-debrid.com/d/A", null));
        assertEquals(expected, e.code());
        assertEquals(status, e.upstreamStatus());
    }

    @Test
    void rateLimitIsTooManyRequestsAtOnceWithTheRetryAfterAndServiceUnavailableIsRetriedThenMapped() {
        // refused calls count against Real-Debrid's limit: a 429 is never retried
        server.enqueue(json(429, "{\"error\":\"too_many_requests\",\"error_code\":34}").newBuilder()
                .addHeader("Retry-After", "0").build());
        StoreException limited = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, limited.code());
        assertEquals(Duration.ZERO, limited.retryAfter().orElseThrow());

        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{\"error\":\"file_unavailable\",\"error_code\":24}"));
        }
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE,
                assertThrows(StoreException.class, () -> store().generateLink(KEY, "https://real-debrid.com/d/A", null)).code());
        assertEquals(4, server.getRequestCount());
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

    @Test
    void theKeyTravelsOnlyInTheBearerHeaderAndNeverInAMessageOrLogLine() throws Exception {
        List<String> messages = new ArrayList<>();
        String logs = Fixtures.stderrOf(() -> {
            server.enqueue(json(401, "{\"error\":\"bad_token " + KEY.reveal() + "\",\"error_code\":8}"));
            messages.add(assertThrows(StoreException.class, () -> store().user(KEY)).getMessage());
            for (int i = 0; i < 3; i++) {
                server.enqueue(Fixtures.text(502, "text/html", "<html>gateway for Bearer " + KEY.reveal() + "</html>"));
            }
            messages.add(assertThrows(StoreException.class, () -> store().addMagnet(KEY, HASH, null)).getMessage());
        });
        for (int i = 0; i < server.getRequestCount(); i++) {
            RecordedRequest request = server.takeRequest();
            assertEquals("Bearer " + KEY.reveal(), request.getHeaders().get("Authorization"));
            assertFalse(request.getTarget().contains(KEY.reveal()), request.getTarget());
            assertNull(request.getUrl().queryParameter("auth_token"));
        }
        assertTrue(logs.contains("realdebrid"), "the calls were logged: " + logs);
        String everything = logs + String.join("\n", messages);
        assertFalse(everything.contains(KEY.reveal()), everything);
    }
}
