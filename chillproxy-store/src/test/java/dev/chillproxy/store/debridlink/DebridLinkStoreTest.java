package dev.chillproxy.store.debridlink;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Fixtures;
import dev.chillproxy.store.MagnetPage;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.store.Subscription;
import java.time.Duration;
import java.time.Instant;
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

class DebridLinkStoreTest {

    static final ApiKey KEY = ApiKey.of("dlkey-0123456789abcdef");
    static final String HASH = "2c229180e129280a36ba7f3a22e2f5135a02a766";
    static final String OTHER = "f3633cefd078e25b96978c4ae2f032f08403feab";

    @StartStop
    final MockWebServer server = new MockWebServer();
    final TestClock clock = new TestClock(Instant.parse("2026-12-02T08:00:00Z"));
    final FakeDebridLink debridLink = new FakeDebridLink(KEY.reveal());

    @BeforeEach
    void fake() {
        server.setDispatcher(debridLink);
    }

    DebridLinkStore store() {
        return new DebridLinkStore(Fixtures.http(StoreName.DEBRIDLINK), server.url("/api/v2").toString(), clock);
    }

    @Test
    void anAccountWithPremiumTimeLeftIsPremiumUntilThenAndTheKeyGoesOnlyInTheBearerHeader() {
        var user = store().user(KEY);

        assertEquals(Subscription.PREMIUM, user.subscription());
        assertEquals(clock.instant().plusSeconds(86_400), user.premiumUntil());
        assertEquals("u@example.com", user.email());
        RecordedRequest request = debridLink.requests.get(0);
        assertEquals("/api/v2/account/infos", request.getTarget());
        assertEquals("Bearer " + KEY.reveal(), request.getHeaders().get("Authorization"));
    }

    @Test
    void anAccountWithNoPremiumTimeLeftIsExpired() {
        debridLink.premiumLeft = 0;
        var user = store().user(KEY);
        assertEquals(Subscription.EXPIRED, user.subscription());
        assertNull(user.premiumUntil());
    }

    @Test
    void aBadKeyIsUnauthorizedWithTheRawCode() {
        StoreException e = assertThrows(StoreException.class, () -> store().user(ApiKey.of("wrong-key-0123456789")));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
        assertEquals(401, e.upstreamStatus());
        assertEquals("badToken", e.upstreamCode().orElseThrow());
    }

    @Test
    void cacheCheckIsUnsupportedWithoutACall() {
        assertInstanceOf(CacheCheck.Unsupported.class, store().checkCached(KEY, List.of(HASH), null));
        assertTrue(debridLink.requests.isEmpty());
    }

    @Test
    void aNewMagnetIsPostedAsJsonWithoutWaitingAndAnswersTheTorrent() throws Exception {
        AddedMagnet ready = store().addMagnet(KEY, "magnet:?xt=urn:btih:" + HASH + "&dn=Show", null);
        assertEquals(new AddedMagnet("dl-1", HASH, MagnetStatus.DOWNLOADED, false), ready);
        RecordedRequest add = debridLink.requests.get(1);
        assertEquals("POST", add.getMethod());
        assertEquals("/api/v2/seedbox/add", add.getTarget());
        JsonNode body = Fixtures.JSON.readTree(add.getBody().utf8());
        assertEquals("magnet:?xt=urn:btih:" + HASH + "&dn=Show", body.get("url").asText());
        assertFalse(body.get("wait").asBoolean());
        assertTrue(body.get("async").asBoolean());
        assertEquals("list", body.get("structureType").asText());

        debridLink.percentOnAdd = 40;
        assertEquals(MagnetStatus.DOWNLOADING, store().addMagnet(KEY, OTHER, null).status());
    }

    @Test
    void aMagnetAlreadyInTheAccountIsReusedNotAddedAgain() {
        debridLink.existing(HASH, 30, 1); // failed: not reused
        String first = store().addMagnet(KEY, HASH, null).id();
        AddedMagnet again = store().addMagnet(KEY, HASH.toUpperCase(), null);

        assertEquals(first, again.id());
        assertEquals(MagnetStatus.DOWNLOADED, again.status());
        assertEquals(1, debridLink.count("/seedbox/add"));
        assertEquals("/api/v2/seedbox/list?page=0&perPage=100", debridLink.requests.get(0).getTarget());
    }

    @Test
    void aReadyTorrentsFilesCarryTheirDirectLinksWhichNeedNoFurtherCall() {
        String id = store().addMagnet(KEY, HASH, null).id();
        int before = debridLink.requests.size();

        StoreMagnet magnet = store().magnet(KEY, id);

        assertEquals(MagnetStatus.DOWNLOADED, magnet.status());
        assertEquals(HASH, magnet.hash());
        assertEquals(4294967296L, magnet.size());
        assertEquals(Instant.ofEpochSecond(1700000000), magnet.addedAt());
        assertEquals(2147483648L, magnet.files().get(1).size(), "a size sent as a string");
        assertEquals("/api/v2/seedbox/list?ids=" + id, debridLink.requests.get(before).getTarget());
        String link = magnet.files().get(1).linkHandle();
        assertEquals("https://dl.debrid-link.com/" + id + "/e02.mkv", store().generateLink(KEY, link, "203.0.113.7"));
        assertEquals(before + 1, debridLink.requests.size());
    }

    @Test
    void aDownloadingTorrentHasNoLinksYetAndUnknownOrSeveralIdsAreRefused() {
        debridLink.percentOnAdd = 40;
        String id = store().addMagnet(KEY, HASH, null).id();

        StoreMagnet downloading = store().magnet(KEY, id);
        assertEquals(MagnetStatus.DOWNLOADING, downloading.status());
        assertNull(downloading.files().get(0).linkHandle());

        assertEquals(ErrorCode.NOT_FOUND, assertThrows(StoreException.class, () -> store().magnet(KEY, "dl-99")).code());
        int sent = debridLink.requests.size();
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class, () -> store().magnet(KEY, id + ",dl-2")).code());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class, () -> store().removeMagnet(KEY, "../x")).code());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class, () -> store().generateLink(KEY, "f1", null)).code());
        assertEquals(sent, debridLink.requests.size());
    }

    @ParameterizedTest
    @CsvSource({"100, 0, DOWNLOADED", "99, 0, DOWNLOADING", "0, 0, DOWNLOADING", "40, 3, FAILED", "100, 2, FAILED"})
    void statusFollowsThePercentAndTheErrorField(int percent, int error, MagnetStatus expected) {
        String id = debridLink.existing(HASH, percent, error);
        assertEquals(expected, store().magnet(KEY, id).status());
    }

    @Test
    void theListPagesNewestFirstAndRemoveDeletesOnPath() {
        for (int i = 0; i < 101; i++) {
            debridLink.existing(String.format("%040x", i + 1), 100, 0);
        }
        MagnetPage first = store().listMagnets(KEY, 0);
        assertEquals(100, first.items().size());
        assertTrue(first.hasMore());
        assertEquals("dl-101", first.items().get(0).id());
        MagnetPage second = store().listMagnets(KEY, 1);
        assertEquals(List.of("dl-1"), second.items().stream().map(StoreMagnet::id).toList());
        assertFalse(second.hasMore());

        store().removeMagnet(KEY, "dl-1");
        RecordedRequest remove = debridLink.requests.get(debridLink.requests.size() - 1);
        assertEquals("DELETE", remove.getMethod());
        assertEquals("/api/v2/seedbox/dl-1/remove", remove.getTarget());
        assertEquals(100, debridLink.torrentCount());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(StoreException.class, () -> store().removeMagnet(KEY, "dl-1")).code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401|expired_token|UNAUTHORIZED", "400|floodDetected|TOO_MANY_REQUESTS", "400|maxTorrent|STORE_LIMIT_EXCEEDED",
        "400|torrentTooBig|UNPROCESSABLE_ENTITY", "403|accountLocked|FORBIDDEN", "403|serverNotAllowed|FORBIDDEN",
        "400|notFreeHost|PAYMENT_REQUIRED", "400|notAddTorrent|BAD_REQUEST", "404|fileNotFound|NOT_FOUND",
        "400|maintenanceHost|SERVICE_UNAVAILABLE", "400|somethingNew|BAD_REQUEST"})
    void errorsMapToCodes(int status, String error, ErrorCode expected) {
        debridLink.thenAnswer(FakeDebridLink.error(status, error));
        StoreException e = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(expected, e.code());
        assertEquals(error, e.upstreamCode().orElseThrow());
    }

    @Test
    void aRateLimitIsTooManyRequestsWithRetryAfterAndOutagesAreUpstreamErrors() {
        MockResponse limited = new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build();
        debridLink.thenAnswer(limited, limited, limited);
        StoreException throttled = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, throttled.code());
        assertEquals(Duration.ZERO, throttled.retryAfter().orElseThrow());

        MockResponse broken = FakeDebridLink.error(500, "internalError");
        debridLink.thenAnswer(broken, broken, broken);
        StoreException internal = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(ErrorCode.INTERNAL_SERVER_ERROR, internal.code());
        assertEquals(500, internal.upstreamStatus());

        MockResponse gateway = Fixtures.text(502, "text/html", "<html>bad gateway</html>");
        debridLink.thenAnswer(gateway, gateway, gateway);
        assertEquals(ErrorCode.STORE_SERVER_DOWN, assertThrows(StoreException.class, () -> store().user(KEY)).code());
        assertEquals(9, debridLink.requests.size());
    }

    @Test
    void theKeyNeverAppearsInAnExceptionMessageOrALogLine() {
        List<String> messages = new ArrayList<>();
        String logs = Fixtures.stderrOf(() -> {
            debridLink.thenAnswer(json(401, "{\"success\":false,\"error\":\"badToken " + KEY.reveal()
                    + "\",\"error_description\":\"token " + KEY.reveal() + " is invalid\"}"));
            messages.add(assertThrows(StoreException.class, () -> store().user(KEY)).getMessage());
            MockResponse echo = Fixtures.text(502, "text/html", "<html>Bearer " + KEY.reveal() + "</html>");
            debridLink.thenAnswer(echo, echo, echo);
            messages.add(assertThrows(StoreException.class, () -> store().addMagnet(KEY, HASH, null)).getMessage());
        });
        assertTrue(logs.contains("debridlink: GET"), "the calls were logged: " + logs);
        String everything = logs + String.join("\n", messages);
        assertFalse(everything.contains(KEY.reveal()), everything);
        debridLink.requests.forEach(request -> assertFalse(request.getTarget().contains(KEY.reveal())));
    }
}
