package dev.chillproxy.store.premiumize;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.FakeService;
import dev.chillproxy.store.Fixtures;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.store.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PremiumizeStoreTest {

    static final ApiKey KEY = ApiKey.of("pmkey-0123456789abcdef");
    static final String A = "2c229180e129280a36ba7f3a22e2f5135a02a766";
    static final String B = "f3633cefd078e25b96978c4ae2f032f08403feab";

    @StartStop
    final MockWebServer server = new MockWebServer();
    final TestClock clock = new TestClock(Instant.parse("2026-12-02T08:00:00Z"));
    final FakePremiumize premiumize = new FakePremiumize(KEY.reveal()).cached(A);

    @BeforeEach
    void fake() {
        server.setDispatcher(premiumize);
    }

    PremiumizeStore store() {
        return new PremiumizeStore(Fixtures.http(StoreName.PREMIUMIZE), server.url("/api").toString(), clock);
    }

    @Test
    void anAccountPaidUntilLaterIsPremiumAndTheKeyGoesOnlyInTheBearerHeader() {
        var user = store().user(KEY);

        assertEquals(Subscription.PREMIUM, user.subscription());
        assertEquals("123", user.id());
        RecordedRequest request = premiumize.requests.get(0);
        assertEquals("/api/account/info", request.getTarget());
        assertEquals("Bearer " + KEY.reveal(), request.getHeaders().get("Authorization"));
        assertNull(request.getUrl().queryParameter("apikey"), "the legacy apikey parameter is never sent");
    }

    @Test
    void anAccountPaidUntilEarlierOrNeverIsExpiredByTheInjectedClock() {
        premiumize.premiumUntil = clock.instant().minusSeconds(1).getEpochSecond();
        assertEquals(Subscription.EXPIRED, store().user(KEY).subscription());

        premiumize.premiumUntil = clock.instant().plusSeconds(60).getEpochSecond();
        assertEquals(Subscription.PREMIUM, store().user(KEY).subscription());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Subscription.EXPIRED, store().user(KEY).subscription());

        premiumize.thenAnswer(json("{\"status\":\"success\",\"customer_id\":\"1\",\"premium_until\":false}"));
        assertEquals(Subscription.EXPIRED, store().user(KEY).subscription());
    }

    @Test
    void aBadKeyIsUnauthorizedFromTheMessageOnHttp200() {
        StoreException e = assertThrows(StoreException.class, () -> store().user(ApiKey.of("wrong-key-0123456789")));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
        assertEquals(200, e.upstreamStatus());
    }

    @Test
    void theCacheCheckReadsParallelArraysInRequestOrderInBatchesOf100() {
        CacheCheck.Checked checked = (CacheCheck.Checked) store().checkCached(KEY,
                List.of("magnet:?xt=urn:btih:" + B, A.toUpperCase()), null);
        assertTrue(checked.isCached(A));
        assertFalse(checked.isCached(B));
        assertEquals(4294967296L, checked.cached().get(A).size(), "filesize arrives as a string");
        assertEquals("Show.S01.1080p", checked.cached().get(A).name());
        assertEquals(List.of(B, A), premiumize.requests.get(0).getUrl().queryParameterValues("items[]"));

        List<String> many = IntStream.range(0, 101).mapToObj(i -> String.format("%040x", i + 1)).toList();
        store().checkCached(KEY, many, null);
        assertEquals(100, premiumize.requests.get(1).getUrl().queryParameterValues("items[]").size());
        assertEquals(1, premiumize.requests.get(2).getUrl().queryParameterValues("items[]").size());

        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class,
                () -> store().checkCached(KEY, List.of("nonsense"), null)).code());
        assertEquals(3, premiumize.requests.size());
    }

    @Test
    void aCachedMagnetIsAddedAndItsFilesComeFromDirectdlWithDirectLinks() {
        AddedMagnet added = store().addMagnet(KEY, A, null);
        assertEquals(MagnetStatus.QUEUED, added.status());
        assertEquals("magnet:?xt=urn:btih:" + A, FakeService.first(FakeService.form(premiumize.requests.get(1)), "src"));

        StoreMagnet magnet = store().magnet(KEY, added.id());

        assertEquals(MagnetStatus.DOWNLOADED, magnet.status());
        assertEquals(A, magnet.hash(), "the hash comes from the btih inside src");
        assertEquals(List.of("Show.S01.1080p/Show.S01E01.mkv", "Show.S01.1080p/readme.txt"),
                magnet.files().stream().map(f -> f.path()).toList());
        assertEquals(1024, magnet.files().get(1).size());
        String link = magnet.files().get(0).linkHandle();
        assertEquals("https://cdn.pm/" + A + "/e01.mkv", store().generateLink(KEY, link, "203.0.113.7"));
        assertEquals(1, premiumize.count("/transfer/directdl"), "the link is direct: no further call");
    }

    @Test
    void aMagnetAlreadyInTheAccountIsReusedNotCreatedAgain() {
        String failed = premiumize.existing(A, "error");
        String first = store().addMagnet(KEY, A, null).id();
        AddedMagnet again = store().addMagnet(KEY, "magnet:?xt=urn:btih:" + A.toUpperCase(), null);

        assertFalse(first.equals(failed), "a failed transfer is not reused");
        assertEquals(first, again.id());
        assertEquals(MagnetStatus.DOWNLOADED, again.status());
        assertEquals(1, premiumize.count("/transfer/create"));
        assertEquals(2, premiumize.transferCount());
    }

    @Test
    void aRunningTransferHasNoFilesYetAndAnUnknownIdIsNotFound() {
        String id = store().addMagnet(KEY, B, null).id();

        StoreMagnet running = store().magnet(KEY, id);
        assertEquals(MagnetStatus.DOWNLOADING, running.status());
        assertTrue(running.files().isEmpty());
        assertEquals(0, premiumize.count("/transfer/directdl"));

        assertEquals(ErrorCode.NOT_FOUND, assertThrows(StoreException.class, () -> store().magnet(KEY, "nope")).code());
    }

    @ParameterizedTest
    @CsvSource({"waiting, QUEUED", "queued, QUEUED", "running, DOWNLOADING", "seeding, DOWNLOADED",
        "finished, DOWNLOADED", "error, FAILED", "timeout, FAILED", "deleted, FAILED", "banned, FAILED", "odd, UNKNOWN"})
    void transferStatusesFollowTheReferenceTable(String status, MagnetStatus expected) {
        String id = premiumize.existing(B, status);
        assertEquals(expected, store().magnet(KEY, id).status());
    }

    @Test
    void theListPagesTheTransfersAndRemoveDeletesOne() {
        String older = store().addMagnet(KEY, A, null).id();
        String newer = store().addMagnet(KEY, B, null).id();

        var page = store().listMagnets(KEY, 0);
        assertEquals(List.of(newer, older), page.items().stream().map(StoreMagnet::id).toList());
        assertFalse(page.hasMore());

        store().removeMagnet(KEY, older);
        assertEquals(1, premiumize.transferCount());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class, () -> store().removeMagnet(KEY, older)).code());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class,
                () -> store().generateLink(KEY, "file-7", null)).code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Not logged in.|UNAUTHORIZED",
        "Account not premium.|PAYMENT_REQUIRED",
        "Fair use limit reached!|STORE_LIMIT_EXCEEDED",
        "You already have a maximum of 25 active downloads in progress!|STORE_LIMIT_EXCEEDED",
        "Your space is full! Please delete old files first!|STORE_LIMIT_EXCEEDED",
        "rate_limit_reached|TOO_MANY_REQUESTS",
        "account_limit_reached|STORE_LIMIT_EXCEEDED",
        "Error downloading this file|UNPROCESSABLE_ENTITY",
        "Unsupported link for direct download|UNPROCESSABLE_ENTITY"})
    void errorMessagesOnHttp200AreMapped(String message, ErrorCode expected) {
        premiumize.thenAnswer(FakePremiumize.error(message));
        StoreException e = assertThrows(StoreException.class, () -> store().addMagnet(KEY, A, null));
        assertEquals(expected, e.code());
        assertEquals(1, premiumize.requests.size());
    }

    @Test
    void aRateLimitIsTooManyRequestsWithRetryAfterAndOutagesAreUpstreamErrors() {
        MockResponse limited = new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build();
        premiumize.thenAnswer(limited, limited, limited);
        StoreException throttled = assertThrows(StoreException.class, () -> store().user(KEY));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, throttled.code());
        assertEquals(Duration.ZERO, throttled.retryAfter().orElseThrow());

        MockResponse down = Fixtures.text(521, "text/html", "<html>origin down</html>");
        premiumize.thenAnswer(down, down, down);
        assertEquals(ErrorCode.STORE_SERVER_DOWN, assertThrows(StoreException.class, () -> store().user(KEY)).code());

        MockResponse broken = json(500, "{\"status\":\"error\",\"message\":\"internal\"}");
        premiumize.thenAnswer(broken, broken, broken);
        assertEquals(ErrorCode.INTERNAL_SERVER_ERROR, assertThrows(StoreException.class, () -> store().user(KEY)).code());
        assertEquals(9, premiumize.requests.size());
    }

    @Test
    void theKeyNeverAppearsInAnExceptionMessageOrALogLine() {
        List<String> messages = new ArrayList<>();
        String logs = Fixtures.stderrOf(() -> {
            premiumize.thenAnswer(FakePremiumize.error("Not logged in. apikey=" + KEY.reveal()));
            messages.add(assertThrows(StoreException.class, () -> store().user(KEY)).getMessage());
            MockResponse echo = Fixtures.text(502, "text/html", "<html>token " + KEY.reveal() + "</html>");
            premiumize.thenAnswer(echo, echo, echo);
            messages.add(assertThrows(StoreException.class, () -> store().checkCached(KEY, List.of(A), null)).getMessage());
        });
        assertTrue(logs.contains("premiumize: GET"), "the calls were logged: " + logs);
        String everything = logs + String.join("\n", messages);
        assertFalse(everything.contains(KEY.reveal()), everything);
        premiumize.requests.forEach(request -> assertFalse(request.getTarget().contains(KEY.reveal())));
    }
}
