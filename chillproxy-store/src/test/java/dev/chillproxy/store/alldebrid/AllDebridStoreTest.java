package dev.chillproxy.store.alldebrid;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllDebridStoreTest {

    static final ApiKey KEY = ApiKey.of("adkey-0123456789abcdef");
    static final String HASH = "2c229180e129280a36ba7f3a22e2f5135a02a766";

    @StartStop
    final MockWebServer server = new MockWebServer();

    AllDebridStore store() {
        return new AllDebridStore(Fixtures.http(StoreName.ALLDEBRID), server.url("/").toString(), "chillproxy");
    }

    @Test
    void userTrialAndAgentAndBearer() throws Exception {
        server.enqueue(json("{\"status\":\"success\",\"data\":{\"user\":{\"username\":\"u\",\"isPremium\":true,"
                + "\"isTrial\":true,\"premiumUntil\":4102444800}}}"));
        assertEquals(Subscription.TRIAL, store().user(KEY).subscription());
        RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("/v4/user?agent=chillproxy", request.getTarget());
        assertEquals("Bearer " + KEY.reveal(), request.getHeaders().get("Authorization"));
        assertInstanceOf(CacheCheck.Unsupported.class, store().checkCached(KEY, List.of(HASH), null));
    }

    @Test
    void uploadReadyMagnetAndPerItemError() {
        server.enqueue(json("{\"status\":\"success\",\"data\":{\"magnets\":[{\"magnet\":\"m\",\"hash\":\"" + HASH
                + "\",\"name\":\"Show\",\"size\":4294967296,\"ready\":true,\"id\":123456789}]}}"));
        var added = store().addMagnet(KEY, HASH, null);
        assertEquals("123456789", added.id());
        assertEquals(MagnetStatus.DOWNLOADED, added.status());
        server.enqueue(json("{\"status\":\"success\",\"data\":{\"magnets\":[{\"magnet\":\"bad\",\"error\":"
                + "{\"code\":\"MAGNET_INVALID_URI\",\"message\":\"This magnet is not valid\"}}]}}"));
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(StoreException.class,
                () -> store().addMagnet(KEY, HASH, null)).code());
    }

    @Test
    void statusObjectThenFilesTreeFlattened() throws Exception {
        server.enqueue(json("{\"status\":\"success\",\"data\":{\"magnets\":{\"id\":123456789,\"filename\":\"Show\","
                + "\"size\":10,\"hash\":\"" + HASH + "\",\"statusCode\":4,\"uploadDate\":1700000000}}}"));
        server.enqueue(json("""
                {"status":"success","data":{"magnets":[{"id":"123456789","files":[
                  {"n":"Show.S01.1080p.WEB-DL","e":[{"n":"Show.S01E01.1080p.WEB-DL.mkv","s":2147483648,"l":"https://alldebrid.com/f/AbCdEf"},
                                                   {"n":"sample.txt","s":1024,"l":"https://alldebrid.com/f/GhIjKl"}]}]}]}}"""));
        var magnet = store().magnet(KEY, "123456789");
        assertEquals(MagnetStatus.DOWNLOADED, magnet.status());
        assertEquals("Show.S01.1080p.WEB-DL/Show.S01E01.1080p.WEB-DL.mkv", magnet.files().get(0).path());
        assertEquals("https://alldebrid.com/f/AbCdEf", magnet.files().get(0).linkHandle());
        assertEquals(1, magnet.files().get(1).index());
        server.takeRequest();
        assertTrue(Fixtures.form(server.takeRequest()).contains("id[]=123456789"));
    }

    @Test
    void unlockReturnsDirectLinkAndDelayedIsUnavailable() throws Exception {
        server.enqueue(json("{\"status\":\"success\",\"data\":{\"link\":\"https://cdn.alldebrid.com/dl/x.mkv\",\"delayed\":0}}"));
        assertEquals("https://cdn.alldebrid.com/dl/x.mkv", store().generateLink(KEY, "https://alldebrid.com/f/AbCdEf", "1.2.3.4"));
        assertTrue(Fixtures.form(server.takeRequest()).contains("userip=1.2.3.4"));
        server.enqueue(json("{\"status\":\"success\",\"data\":{\"link\":\"\",\"delayed\":55}}"));
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, assertThrows(StoreException.class,
                () -> store().generateLink(KEY, "https://alldebrid.com/f/AbCdEf", null)).code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200|{\"status\":\"error\",\"error\":{\"code\":\"AUTH_BAD_APIKEY\",\"message\":\"The auth apikey is invalid\"}}|UNAUTHORIZED",
        "404|{\"status\":\"error\",\"error\":{\"code\":\"404\",\"message\":\"Endpoint doesn't exist\"}}|NOT_FOUND",
        "200|{\"status\":\"error\",\"error\":{\"code\":\"NO_SERVER\",\"message\":\"Servers are not authorized\"}}|FORBIDDEN",
        "200|{\"status\":\"error\",\"error\":{\"code\":\"MAGNET_TOO_MANY_ACTIVE\",\"message\":\"x\"}}|STORE_LIMIT_EXCEEDED",
        "200|{\"status\":\"error\",\"error\":{\"code\":\"MAINTENANCE\",\"message\":\"retry later\"}}|SERVICE_UNAVAILABLE"})
    void errorEnvelopesAreJudgedByStatusField(int status, String body, ErrorCode expected) {
        server.enqueue(json(status, body));
        assertEquals(expected, assertThrows(StoreException.class, () -> store().removeMagnet(KEY, "1")).code());
    }

    @Test
    void htmlRateLimitPageIsUnavailable() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Fixtures.text(503, "text/html", "<html>slow down</html>"));
        }
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, assertThrows(StoreException.class, () -> store().user(KEY)).code());
    }
}
