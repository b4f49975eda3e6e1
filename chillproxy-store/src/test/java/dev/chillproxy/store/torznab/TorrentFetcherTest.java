package dev.chillproxy.store.torznab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.chillproxy.store.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class TorrentFetcherTest {

    /** Private trackers put the indexer's api key and the user's passkey into the link. */
    static final String SECRETS = "?apikey=indexer-secret-42&passkey=tracker-pass-77";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final TorrentFetcher fetcher = new TorznabClient(Fixtures.CLIENT, Duration.ofSeconds(2), "chillproxy/test").torrents();

    String link(String path) {
        return server.url(path).toString() + SECRETS;
    }

    static MockResponse redirect(int code, String location) {
        return new MockResponse.Builder().code(code).addHeader("Location", location).build();
    }

    @Test
    void downloadGivesTheExactBytesAndTheirInfoHash() throws Exception {
        byte[] info = TorrentMetainfoTest.multiFileInfo(1);
        byte[] torrent = Bencode.torrent(info, "http://tracker.example/announce?passkey=tracker-pass-77");
        server.enqueue(redirect(302, "/files/1.torrent"));
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/x-bittorrent")
                .body(new Buffer().write(torrent)).build());

        TorrentDownload.Fetched fetched = assertInstanceOf(TorrentDownload.Fetched.class, fetcher.download(link("/dl/1")));

        assertArrayEquals(torrent, fetched.torrent());
        assertEquals(TorrentMetainfoTest.sha1Hex(info), fetched.hash());
        assertEquals(true, fetched.metainfo().privateTorrent());
        RecordedRequest first = server.takeRequest();
        assertEquals("/dl/1" + SECRETS, first.getTarget());
        assertEquals("chillproxy/test", first.getHeaders().get("User-Agent"));
        assertEquals("/files/1.torrent", server.takeRequest().getTarget());
    }

    @Test
    void aRedirectToAMagnetGivesThatMagnet() {
        String magnet = "magnet:?xt=urn:btih:" + TorznabClientTest.HASH.toUpperCase() + "&dn=Linked&tr=http://t/a";
        server.enqueue(redirect(302, "/go/2"));
        server.enqueue(redirect(301, magnet));

        TorrentDownload download = fetcher.download(link("/go/1"));

        assertEquals(new TorrentDownload.MagnetRedirect(magnet, TorznabClientTest.HASH), download);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aTorrentOverOneMegabyteIsRefusedWithOrWithoutItsLength() {
        byte[] big = new byte[(int) TorrentFetcher.MAX_BYTES + 1];
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(big)).build());
        server.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(big), 64 * 1024).build());

        for (int i = 0; i < 2; i++) {
            TorrentDownload.Failed failed = assertInstanceOf(TorrentDownload.Failed.class,
                    fetcher.download(link("/big.torrent")));
            assertEquals("torrent larger than 1 MB", failed.reason());
        }
    }

    @Test
    void failuresSayWhyWithoutQuotingTheLink() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().body("<html>login required</html>").build());
        server.enqueue(redirect(302, "magnet:?dn=no-hash"));
        for (int i = 0; i <= TorrentFetcher.MAX_REDIRECTS; i++) {
            server.enqueue(redirect(302, "/loop" + SECRETS));
        }

        List<String> reasons = new ArrayList<>();
        for (String path : List.of("/gone", "/login", "/nohash", "/loop")) {
            reasons.add(assertInstanceOf(TorrentDownload.Failed.class, fetcher.download(link(path))).reason());
        }
        reasons.add(assertInstanceOf(TorrentDownload.Failed.class, fetcher.download("ftp://x/y.torrent")).reason());
        reasons.add(assertInstanceOf(TorrentDownload.Failed.class, fetcher.download(null)).reason());

        assertEquals("torrent download answered HTTP 404", reasons.get(0));
        assertEquals("redirect to a magnet without a hash", reasons.get(2));
        assertEquals("more than 5 redirects", reasons.get(3));
        assertEquals(List.of("bad torrent link", "bad torrent link"), reasons.subList(4, 6));
        assertEquals(3 + 1 + TorrentFetcher.MAX_REDIRECTS, server.getRequestCount());
        String all = String.join("\n", reasons);
        assertFalse(all.contains("secret") || all.contains("pass-77") || all.contains("/login"), all);
    }
}
