package dev.chillproxy.store.premiumize;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PremiumizeStoreTest {

    static final ApiKey KEY = ApiKey.of("pmkey-0123456789abcdef");
    static final String A = "2c229180e129280a36ba7f3a22e2f5135a02a766";
    static final String B = "f3633cefd078e25b96978c4ae2f032f08403feab";

    @StartStop
    final MockWebServer server = new MockWebServer();

    PremiumizeStore store() {
        return new PremiumizeStore(Fixtures.http(StoreName.PREMIUMIZE), server.url("/api").toString());
    }

    @Test
    void cacheCheckReadsParallelArraysWithStringSizes() throws Exception {
        server.enqueue(json("{\"status\":\"success\",\"response\":[true,false],\"transcoded\":[false,false],"
                + "\"filename\":[\"Show.S01\",\"\"],\"filesize\":[\"4294967296\",\"\"]}"));
        CacheCheck.Checked checked = (CacheCheck.Checked) store().checkCached(KEY, List.of(A, B), null);
        assertTrue(checked.isCached(A));
        assertFalse(checked.isCached(B));
        assertEquals(4294967296L, checked.cached().get(A).size());
        var url = server.takeRequest().getUrl();
        assertEquals(List.of(A, B), url.queryParameterValues("items[]"));
    }

    @Test
    void userPremiumUntilFuture() {
        server.enqueue(json("{\"status\":\"success\",\"customer_id\":\"123\",\"premium_until\":4102444800,\"limit_used\":0.1}"));
        assertEquals(Subscription.PREMIUM, store().user(KEY).subscription());
    }

    @Test
    void finishedTransferGetsFilesFromDirectdl() {
        server.enqueue(json("{\"status\":\"success\",\"transfers\":[{\"id\":\"t1\",\"name\":\"Show\",\"status\":\"finished\","
                + "\"progress\":1,\"src\":\"magnet:?xt=urn:btih:" + A + "\"}]}"));
        server.enqueue(json("{\"status\":\"success\",\"content\":[{\"path\":\"Show.S01/Show.S01E01.mkv\",\"size\":2147483648,"
                + "\"link\":\"https://cdn.pm/x.mkv\",\"stream_link\":\"https://cdn.pm/s.mp4\"}]}"));
        var magnet = store().magnet(KEY, "t1");
        assertEquals(MagnetStatus.DOWNLOADED, magnet.status());
        assertEquals(A, magnet.hash());
        assertEquals("https://cdn.pm/x.mkv", store().generateLink(KEY, magnet.files().get(0).linkHandle(), null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200|Not logged in.|UNAUTHORIZED",
        "200|Account not premium.|PAYMENT_REQUIRED",
        "200|Fair use limit reached!|STORE_LIMIT_EXCEEDED",
        "200|You already have a maximum of 25 active downloads in progress!|STORE_LIMIT_EXCEEDED",
        "200|Your space is full! Please delete old files first!|STORE_LIMIT_EXCEEDED",
        "200|Unsupported link for direct download|UNPROCESSABLE_ENTITY"})
    void errorMessagesOnHttp200AreMapped(int status, String message, ErrorCode expected) {
        server.enqueue(json(status, "{\"status\":\"error\",\"message\":\"" + message + "\"}"));
        assertEquals(expected, assertThrows(StoreException.class, () -> store().addMagnet(KEY, A, null)).code());
    }

    @Test
    void http521IsServerDown() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Fixtures.text(521, "text/html", "<html>origin down</html>"));
        }
        assertEquals(ErrorCode.STORE_SERVER_DOWN, assertThrows(StoreException.class, () -> store().user(KEY)).code());
    }
}
