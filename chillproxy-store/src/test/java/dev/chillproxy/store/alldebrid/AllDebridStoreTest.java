package dev.chillproxy.store.alldebrid;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.FakeService;
import dev.chillproxy.store.Fixtures;
import dev.chillproxy.store.MagnetPage;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.store.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllDebridStoreTest {

    static final ApiKey KEY = ApiKey.of("adkey-0123456789abcdef");
    static final String HASH = "2c229180e129280a36ba7f3a22e2f5135a02a766";
    static final String OTHER = "f3633cefd078e25b96978c4ae2f032f08403feab";

    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeAllDebrid allDebrid = new FakeAllDebrid(KEY.reveal());

    @BeforeEach
    void fake() {
        server.setDispatcher(allDebrid);
    }

    AllDebridStore store() {
        return new AllDebridStore(Fixtures.http(StoreName.ALLDEBRID), server.url("/").toString(), "chillproxy", Duration.ZERO);
    }

    @Test
    void aPremiumAccountIsPremiumAndTheKeyGoesOnlyInTheBearerHeaderOfAPost() {
        var user = store().user(KEY);

        assertEquals(Subscription.PREMIUM, user.subscription());
        assertEquals("u@example.com", user.email());
        assertEquals(4102444800L, user.premiumUntil().getEpochSecond());
        RecordedRequest request = allDebrid.requests.get(0);
        assertEquals("POST", request.getMethod());
        assertEquals("/v4/user?agent=chillproxy", request.getTarget());
        assertEquals("Bearer " + KEY.reveal(), request.getHeaders().get("Authorization"));
        assertNull(request.getUrl().queryParameter("apikey"), "the legacy apikey parameter is never sent");
        assertFalse(request.getTarget().contains(KEY.reveal()));
    }

    @Test
    void anExpiredAccountIsExpiredAndATrialIsATrial() {
        allDebrid.premium = false;
        assertEquals(Subscription.EXPIRED, store().user(KEY).subscription());

        allDebrid.thenAnswer(json("{\"status\":\"success\",\"data\":{\"user\":{\"username\":\"u\",\"isPremium\":true,"
                + "\"isTrial\":true,\"premiumUntil\":4102444800}}}"));
        assertEquals(Subscription.TRIAL, store().user(KEY).subscription());
    }

    @Test
    void aBadKeyIsUnauthorizedWhetherAllDebridAnswers401Or200() {
        StoreException refused = assertThrows(StoreException.class, () -> store().user(ApiKey.of("wrong-key-0123456789")));
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
        assertEquals(401, refused.upstreamStatus());
        assertEquals("AUTH_BAD_APIKEY", refused.upstreamCode().orElseThrow());

        allDebrid.thenAnswer(FakeAllDebrid.error(200, "AUTH_BAD_APIKEY", "The auth apikey is invalid"));
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(StoreException.class, () -> store().user(KEY)).code());
    }

    @Test
    void cacheCheckIsUnsupportedWithoutACall() {
        assertInstanceOf(CacheCheck.Unsupported.class, store().checkCached(KEY, List.of(HASH), null));
        assertTrue(allDebrid.requests.isEmpty());
    }

    @Test
    void aCachedUploadIsReadyAtOnceAndAnUncachedOneIsQueued() {
        AddedMagnet cached = store().addMagnet(KEY, "magnet:?xt=urn:btih:" + HASH.toUpperCase() + "&dn=Show", null);
        assertEquals(new AddedMagnet("123456789", HASH, MagnetStatus.DOWNLOADED, false), cached);
        assertEquals(List.of("magnet:?xt=urn:btih:" + HASH.toUpperCase() + "&dn=Show"),
                FakeService.form(allDebrid.requests.get(0)).get("magnets[]"));

        allDebrid.cached = false;
        AddedMagnet uncached = store().addMagnet(KEY, OTHER, null);
        assertEquals(MagnetStatus.QUEUED, uncached.status());
        assertEquals(OTHER, uncached.hash());
    }

    @Test
    void addingAMagnetAlreadyInTheAccountAnswersThatMagnet() {
        AddedMagnet first = store().addMagnet(KEY, HASH, null);
        AddedMagnet again = store().addMagnet(KEY, "magnet:?xt=urn:btih:" + HASH, null);

        assertEquals(first.id(), again.id());
        assertEquals(1, allDebrid.magnetCount());
    }

    @Test
    void anInvalidMagnetIsABadRequestFromThePerItemErrorAndGarbageIsRefusedWithoutACall() {
        StoreException local = assertThrows(StoreException.class, () -> store().addMagnet(KEY, "not-a-hash", null));
        assertEquals(ErrorCode.BAD_REQUEST, local.code());
        assertTrue(allDebrid.requests.isEmpty());

        allDebrid.thenAnswer(json("{\"status\":\"success\",\"data\":{\"magnets\":[{\"magnet\":\"bad\",\"error\":"
                + "{\"code\":\"MAGNET_INVALID_URI\",\"message\":\"This magnet is not valid\"}}]}}"));
        StoreException upstream = assertThrows(StoreException.class, () -> store().addMagnet(KEY, HASH, null));
        assertEquals(ErrorCode.BAD_REQUEST, upstream.code());
        assertEquals("MAGNET_INVALID_URI", upstream.upstreamCode().orElseThrow());
    }

    @Test
    void aReadyMagnetListsItsFilesFromTheFlattenedTreeWithTheirLockedLinks() {
        String id = store().addMagnet(KEY, HASH, null).id();

        StoreMagnet magnet = store().magnet(KEY, id);

        assertEquals(MagnetStatus.DOWNLOADED, magnet.status());
        assertEquals(HASH, magnet.hash());
        assertEquals(4294967296L, magnet.size());
        assertEquals(List.of("Show.S01.1080p.WEB-DL/Show.S01E01.1080p.WEB-DL.mkv", "Show.S01.1080p.WEB-DL/Subs/en.srt",
                "Show.S01.1080p.WEB-DL/sample.txt"), magnet.files().stream().map(f -> f.path()).toList());
        assertEquals("https://alldebrid.com/f/E01" + id, magnet.files().get(0).linkHandle());
        assertEquals(2147483648L, magnet.files().get(0).size());
        assertEquals(2, magnet.files().get(2).index());
        assertEquals(List.of(id), FakeService.form(allDebrid.requests.get(2)).get("id[]"));
    }

    @Test
    void aDownloadingMagnetHasNoFilesYetAndAnUnknownIdIsNotFound() {
        allDebrid.cached = false;
        String id = store().addMagnet(KEY, HASH, null).id();

        StoreMagnet downloading = store().magnet(KEY, id);
        assertEquals(MagnetStatus.DOWNLOADING, downloading.status());
        assertTrue(downloading.files().isEmpty());
        assertEquals(0, allDebrid.count("/magnet/files"), "files are read only once the magnet is ready");

        assertEquals(ErrorCode.NOT_FOUND, assertThrows(StoreException.class, () -> store().magnet(KEY, "999")).code());
    }

    @Test
    void aFilesAnswerWithAPerItemErrorIsThatErrorNotAMagnetWithoutFiles() {
        String id = store().addMagnet(KEY, HASH, null).id();
        allDebrid.thenAnswer(json("{\"status\":\"success\",\"data\":{\"magnets\":{\"id\":" + id + ",\"hash\":\"" + HASH
                + "\",\"statusCode\":4}}}"), json("{\"status\":\"success\",\"data\":{\"magnets\":[{\"id\":\"" + id
                + "\",\"error\":{\"code\":\"MAGNET_LINKS_REMOVED\",\"message\":\"links removed\"}}]}}"));

        StoreException e = assertThrows(StoreException.class, () -> store().magnet(KEY, id));

        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals("MAGNET_LINKS_REMOVED", e.upstreamCode().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"0, QUEUED", "1, DOWNLOADING", "2, PROCESSING", "3, PROCESSING", "4, DOWNLOADED", "5, FAILED",
        "7, FAILED", "15, FAILED", "99, UNKNOWN"})
    void statusCodesFollowTheReferenceTable(int code, MagnetStatus expected) {
        assertEquals(expected, AllDebridStore.status(code));
    }

    @Test
    void theListIsEveryMagnetNewestFirstAndRemoveDeletesOne() {
        String older = store().addMagnet(KEY, HASH, null).id();
        String newer = store().addMagnet(KEY, OTHER, null).id();

        MagnetPage page = store().listMagnets(KEY, 0);
        assertEquals(List.of(newer, older), page.items().stream().map(StoreMagnet::id).toList());
        assertFalse(page.hasMore());

        store().removeMagnet(KEY, older);
        assertEquals(List.of(older), FakeService.form(allDebrid.requests.get(allDebrid.requests.size() - 1)).get("id"));
        assertEquals(1, allDebrid.magnetCount());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(StoreException.class, () -> store().removeMagnet(KEY, older)).code());
    }

    @Test
    void unlockGivesTheDirectLinkForTheUsersIpAndAMissingOrDownLinkIsUnavailable() {
        String id = store().addMagnet(KEY, HASH, null).id();
        String handle = store().magnet(KEY, id).files().get(0).linkHandle();

        assertEquals("https://abcd.debrid.it/dl/E01" + id + "/file.mkv", store().generateLink(KEY, handle, "203.0.113.7"));
        var form = FakeService.form(allDebrid.requests.get(allDebrid.requests.size() - 1));
        assertEquals(List.of(handle), form.get("link"));
        assertEquals(List.of("203.0.113.7"), form.get("userip"));

        allDebrid.thenAnswer(json("{\"status\":\"success\",\"data\":{\"link\":\"\"}}"));
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, assertThrows(StoreException.class,
                () -> store().generateLink(KEY, handle, null)).code());
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, assertThrows(StoreException.class,
                () -> store().generateLink(KEY, "https://elsewhere.example/x", null)).code());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class, () -> store().generateLink(KEY, " ", null)).code());
    }

    @Test
    void aDelayedLinkIsAskedForUntilItIsReady() {
        String id = store().addMagnet(KEY, HASH, null).id();
        String handle = store().magnet(KEY, id).files().get(0).linkHandle();
        allDebrid.delayedPolls = 3;

        assertEquals("https://abcd.debrid.it/dl/E01" + id + "/file.mkv", store().generateLink(KEY, handle, null));
        assertEquals(3, allDebrid.delayedAsked());
    }

    @Test
    void aDelayedLinkThatFailsOrStaysProcessingTellsThePlayerToRetry() {
        String id = store().addMagnet(KEY, HASH, null).id();
        String handle = store().magnet(KEY, id).files().get(0).linkHandle();

        allDebrid.delayedPolls = AllDebridStore.DELAYED_POLLS + 1;
        StoreException processing = assertThrows(StoreException.class, () -> store().generateLink(KEY, handle, null));
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, processing.code());
        assertEquals(AllDebridStore.DELAYED_POLLS, allDebrid.delayedAsked(), "bounded: asked a fixed number of times");

        allDebrid.delayedFails = true;
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, assertThrows(StoreException.class,
                () -> store().generateLink(KEY, handle, null)).code());
        assertEquals(1, allDebrid.delayedAsked(), "a failed link is not asked for again");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200|{\"status\":\"error\",\"error\":{\"code\":\"AUTH_BLOCKED\",\"message\":\"check your email\"}}|FORBIDDEN",
        "404|{\"status\":\"error\",\"error\":{\"code\":\"404\",\"message\":\"Endpoint doesn't exist\"}}|NOT_FOUND",
        "200|{\"status\":\"error\",\"error\":{\"code\":\"NO_SERVER\",\"message\":\"Servers are not authorized\"}}|FORBIDDEN",
        "200|{\"status\":\"error\",\"error\":{\"code\":\"MUST_BE_PREMIUM\",\"message\":\"x\"}}|PAYMENT_REQUIRED",
        "200|{\"status\":\"error\",\"error\":{\"code\":\"MAGNET_TOO_MANY_ACTIVE\",\"message\":\"x\"}}|STORE_LIMIT_EXCEEDED",
        "200|{\"status\":\"error\",\"error\":{\"code\":\"MAGNET_PROCESSING_COOLDOWN\",\"message\":\"x\"}}|TOO_MANY_REQUESTS",
        "200|{\"status\":\"error\",\"error\":{\"code\":\"MAINTENANCE\",\"message\":\"retry later\"}}|SERVICE_UNAVAILABLE",
        "200|{\"status\":\"error\",\"error\":{\"code\":\"DISCONTINUED\",\"message\":\"use POST\"}}|NOT_IMPLEMENTED",
        "400|{\"status\":\"error\",\"error\":{\"code\":\"SOMETHING_NEW\",\"message\":\"?\"}}|BAD_REQUEST"})
    void errorEnvelopesAreJudgedByTheirCodeNotTheHttpStatus(int status, String body, ErrorCode expected) {
        allDebrid.thenAnswer(json(status, body));
        assertEquals(expected, assertThrows(StoreException.class, () -> store().removeMagnet(KEY, "1")).code());
    }

    @Test
    void aRateLimitIsTooManyRequestsWithRetryAfterAndOutagesAreUpstreamErrors() {
        MockResponse limited = new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build();
        allDebrid.thenAnswer(limited, limited, limited);
        StoreException throttled = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, throttled.code());
        assertEquals(Duration.ZERO, throttled.retryAfter().orElseThrow());

        MockResponse html = Fixtures.text(503, "text/html", "<html>slow down</html>");
        allDebrid.thenAnswer(html, html, html);
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, assertThrows(StoreException.class, () -> store().user(KEY)).code());

        MockResponse broken = Fixtures.text(500, "text/plain", "internal error");
        allDebrid.thenAnswer(broken, broken, broken);
        StoreException down = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(ErrorCode.INTERNAL_SERVER_ERROR, down.code());
        assertEquals(500, down.upstreamStatus());
        assertEquals(9, allDebrid.requests.size(), "each failure was retried twice, no more");
    }

    @Test
    void theKeyNeverAppearsInAnExceptionMessageOrALogLine() {
        List<String> messages = new ArrayList<>();
        String logs = Fixtures.stderrOf(() -> {
            allDebrid.thenAnswer(FakeAllDebrid.error(401, "AUTH_BAD_APIKEY " + KEY.reveal(), "apikey=" + KEY.reveal() + " invalid"));
            messages.add(assertThrows(StoreException.class, () -> store().user(KEY)).getMessage());
            MockResponse echo = Fixtures.text(502, "text/html", "<html>Authorization: Bearer " + KEY.reveal() + "</html>");
            allDebrid.thenAnswer(echo, echo, echo);
            messages.add(assertThrows(StoreException.class, () -> store().addMagnet(KEY, HASH, null)).getMessage());
        });
        assertTrue(logs.contains("alldebrid: POST"), "the calls were logged: " + logs);
        String everything = logs + String.join("\n", messages);
        assertFalse(everything.contains(KEY.reveal()), everything);
        allDebrid.requests.forEach(request -> assertFalse(request.getTarget().contains(KEY.reveal())));
    }
}
