package dev.chillproxy.store;

import dev.chillproxy.core.store.StoreName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.alldebrid.AllDebridStore;
import dev.chillproxy.store.debridlink.DebridLinkStore;
import dev.chillproxy.store.premiumize.PremiumizeStore;
import dev.chillproxy.store.realdebrid.RealDebridStore;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class StoreTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void storesWithoutTorrentUploadRefuseItWithoutACall() {
        String base = server.url("/").toString();
        List<Store> stores = List.of(new RealDebridStore(Fixtures.http(StoreName.REALDEBRID), base),
                new AllDebridStore(Fixtures.http(StoreName.ALLDEBRID), base, "chillproxy"),
                new PremiumizeStore(Fixtures.http(StoreName.PREMIUMIZE), base),
                new DebridLinkStore(Fixtures.http(StoreName.DEBRIDLINK), base));
        for (Store store : stores) {
            StoreException refused = assertThrows(StoreException.class,
                    () -> store.addTorrent(ApiKey.of("some-key-0123456789"), new byte[] {'d', 'e'}, "x.torrent", null));
            assertEquals(ErrorCode.NOT_IMPLEMENTED, refused.code(), store.name().id());
            assertEquals(store.name(), refused.store());
        }
        assertEquals(0, server.getRequestCount());
    }
}
