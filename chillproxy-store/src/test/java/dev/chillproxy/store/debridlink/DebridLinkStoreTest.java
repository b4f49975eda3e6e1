package dev.chillproxy.store.debridlink;

import static dev.chillproxy.store.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Fixtures;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.Subscription;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebridLinkStoreTest {

    static final ApiKey KEY = ApiKey.of("dlkey-0123456789abcdef");
    static final String HASH = "2c229180e129280a36ba7f3a22e2f5135a02a766";
    static final String TORRENT = "{\"id\":\"abc-1\",\"name\":\"Show\",\"hashString\":\"" + HASH + "\",\"totalSize\":10,"
            + "\"downloadPercent\":100,\"error\":0,\"created\":1700000000,\"files\":[{\"id\":\"f1\",\"name\":\"Show.S01E01.mkv\","
            + "\"size\":10,\"downloadUrl\":\"https://dl.debrid-link.com/f/x.mkv\",\"downloadPercent\":100}]}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    DebridLinkStore store() {
        return new DebridLinkStore(Fixtures.http(StoreName.DEBRIDLINK), server.url("/api/v2").toString());
    }

    @Test
    void addPostsJsonAndReadsTheTorrent() throws Exception {
        server.enqueue(json("{\"success\":true,\"value\":" + TORRENT + "}"));
        var added = store().addMagnet(KEY, "magnet:?xt=urn:btih:" + HASH, null);
        assertEquals("abc-1", added.id());
        assertEquals(MagnetStatus.DOWNLOADED, added.status());
        RecordedRequest request = server.takeRequest();
        assertEquals("/api/v2/seedbox/add", request.getTarget());
        assertTrue(request.getBody().utf8().contains("\"async\":true"));
    }

    @Test
    void magnetFilesCarryDirectLinksAndUserPremium() {
        server.enqueue(json("{\"success\":true,\"value\":[" + TORRENT + "],\"pagination\":{\"page\":0,\"pages\":1,\"next\":-1}}"));
        var file = store().magnet(KEY, "abc-1").files().get(0);
        assertEquals("https://dl.debrid-link.com/f/x.mkv", store().generateLink(KEY, file.linkHandle(), null));
        server.enqueue(json("{\"success\":true,\"value\":{\"username\":\"u\",\"premiumLeft\":3600}}"));
        assertEquals(Subscription.PREMIUM, store().user(KEY).subscription());
    }

    @Test
    void removeUsesDeleteOnPath() throws Exception {
        server.enqueue(json("{\"success\":true,\"value\":[\"abc-1\"]}"));
        store().removeMagnet(KEY, "abc-1");
        RecordedRequest request = server.takeRequest();
        assertEquals("DELETE", request.getMethod());
        assertEquals("/api/v2/seedbox/abc-1/remove", request.getTarget());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401|badToken|UNAUTHORIZED", "400|floodDetected|TOO_MANY_REQUESTS", "400|maxTorrent|STORE_LIMIT_EXCEEDED",
        "400|torrentTooBig|UNPROCESSABLE_ENTITY", "403|accountLocked|FORBIDDEN", "400|notFreeHost|PAYMENT_REQUIRED"})
    void errorsMap(int status, String error, ErrorCode expected) {
        server.enqueue(json(status, "{\"success\":false,\"error\":\"" + error + "\",\"error_id\":\"1\"}"));
        assertEquals(expected, assertThrows(StoreException.class, () -> store().user(KEY)).code());
    }
}
