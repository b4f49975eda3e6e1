package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.chillproxy.server.fakes.FakeStore;
import dev.chillproxy.server.fakes.FakePool;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torrent.TorrentFile;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.DebridGateway.MagnetState;
import dev.chillproxy.core.torz.DebridGateway.PlayableFile;
import dev.chillproxy.core.torz.DebridGateway.PlaybackFailure;
import dev.chillproxy.core.torz.DebridGateway.Progress;
import dev.chillproxy.core.torz.ErrorVideo;
import dev.chillproxy.server.fakes.ServerFixture;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreFile;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.torznab.TorrentFetcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoreGatewayTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
    private static final String POOL_KEY = "pool-key-secret-0123456789";
    private static final Access.Granted POOLED = new Access.Granted(ApiKey.of(POOL_KEY), "pk-3", "user-1", "tb");

    private static final OkHttpClient HTTP = new OkHttpClient();
    /** The private torrent's info dictionary; its SHA-1 is the hash the stream list offered. */
    private static final byte[] INFO = concat("d6:lengthi7e4:name5:a.mkv12:piece lengthi16384e6:pieces20:",
            new byte[] {(byte) 0x9f, 0, (byte) 0xff, (byte) 0xc3, 0x28, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
            "7:privatei1ee");
    private static final byte[] TORRENT = concat("d8:announce42:http://tracker.example/a?passkey=pk-998877"
            + "4:info", INFO, "e");
    private static final String PRIVATE_HASH = sha1(INFO);
    /** Indexers put their api key into the .torrent link. */
    private static final String INDEXER_SECRET = "indexer-apikey-5566";
    private static final String FINDER = "i-finder-a";

    @StartStop
    private final MockWebServer indexer = new MockWebServer();
    private final FakeStore torbox = new FakeStore(StoreName.TORBOX);
    private final FakePool pool = new FakePool(new Grant.Allowed(ApiKey.of("unused"), "unused", 1));
    private final KeyProblemReporter problems = new KeyProblemReporter(pool, Clock.systemUTC());
    private final TorrentFetcher torrents = new TorrentFetcher(HTTP, Duration.ofSeconds(2));
    /** The server's own records of private torrents' links, per finder and hash. */
    private final Map<String, String> privateLinks = new ConcurrentHashMap<>();
    private final PrivateTorrentUrls privateUrls = (finder, hash) -> Optional.ofNullable(privateLinks.get(finder + "|" + hash));
    private final StoreGateway gateway = new StoreGateway(torbox.asSet(), torrents, problems, privateUrls, null);

    /** Records {@code link} as found by {@link #FINDER} and returns that finder, as a playback request carries it. */
    private Optional<String> known(String hash, String link) {
        privateLinks.put(FINDER + "|" + hash, link);
        return Optional.of(FINDER);
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        return new Buffer().writeUtf8(head).write(middle).writeUtf8(tail).readByteArray();
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String torrentLink() {
        return indexer.url("/dl/42").toString() + "?apikey=" + INDEXER_SECRET + "&file=Private.Show";
    }

    private static StoreMagnet magnet(MagnetStatus status) {
        return new StoreMagnet("77", HASH, "The.Matrix.1999.1080p", 12_000_000_000L, status,
                List.of(StoreFile.of(0, "/The.Matrix.1999.1080p/The.Matrix.mkv", 12_000_000_000L, "77:0"),
                        StoreFile.of(1, "The.Matrix.1999.1080p/notes.nfo", -1, null)),
                null);
    }

    @Test
    void addLinkAndStateUseTheGrantedKeyAndTheClientsAddress() throws Exception {
        torbox.magnet = magnet(MagnetStatus.DOWNLOADED);

        String id = gateway.add(StoreName.TORBOX, POOLED, HASH, Optional.empty(), "203.0.113.7");
        MagnetState state = gateway.state(StoreName.TORBOX, POOLED, id);
        String url = gateway.link(StoreName.TORBOX, POOLED, state.files().get(0).linkHandle(), "203.0.113.7");

        assertEquals("77", id);
        assertEquals("magnet:?xt=urn:btih:" + HASH, torbox.calls("addMagnet").get(0).argument());
        assertEquals(Progress.READY, state.progress());
        assertEquals(List.of(new PlayableFile(new TorrentFile(0, "The.Matrix.1999.1080p/The.Matrix.mkv", 12_000_000_000L), "77:0"),
                new PlayableFile(new TorrentFile(1, "The.Matrix.1999.1080p/notes.nfo", 0), null)), state.files());
        assertEquals("https://cdn.example/77:0", url);
        torbox.calls.forEach(call -> assertEquals(POOL_KEY, call.key().reveal(), call.operation()));
        assertEquals("203.0.113.7", torbox.calls("generateLink").get(0).clientIp());
    }

    @ParameterizedTest
    @EnumSource(MagnetStatus.class)
    void everyStoreStatusMapsToAProgress(MagnetStatus status) throws Exception {
        Map<MagnetStatus, Progress> expected = Map.of(
                MagnetStatus.CACHED, Progress.READY,
                MagnetStatus.DOWNLOADED, Progress.READY,
                MagnetStatus.QUEUED, Progress.PENDING,
                MagnetStatus.DOWNLOADING, Progress.PENDING,
                MagnetStatus.PROCESSING, Progress.PENDING,
                MagnetStatus.UPLOADING, Progress.PENDING,
                MagnetStatus.FAILED, Progress.FAILED,
                MagnetStatus.INVALID, Progress.FAILED,
                MagnetStatus.UNKNOWN, Progress.FAILED);
        torbox.magnet = magnet(status);

        assertEquals(expected.get(status), gateway.state(StoreName.TORBOX, POOLED, "77").progress());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyStoreErrorShowsItsVideo(ErrorCode code) {
        Map<ErrorCode, ErrorVideo> specific = Map.of(
                ErrorCode.UNAUTHORIZED, ErrorVideo.UNAUTHORIZED,
                ErrorCode.FORBIDDEN, ErrorVideo.UNAUTHORIZED,
                ErrorCode.TOO_MANY_REQUESTS, ErrorVideo.TOO_MANY_REQUESTS,
                ErrorCode.PAYMENT_REQUIRED, ErrorVideo.PAYMENT_REQUIRED,
                ErrorCode.STORE_LIMIT_EXCEEDED, ErrorVideo.STORE_LIMIT_EXCEEDED,
                ErrorCode.STORE_SERVER_DOWN, ErrorVideo.SERVER_ERROR,
                ErrorCode.SERVICE_UNAVAILABLE, ErrorVideo.SERVER_ERROR);
        StoreException failure = new StoreException(StoreName.TORBOX, code, code.httpStatus(), "upstream words");
        torbox.magnet = magnet(MagnetStatus.DOWNLOADED);
        torbox.failing("addMagnet", failure).failing("magnet", failure).failing("generateLink", failure);

        PlaybackFailure onAdd = assertThrows(PlaybackFailure.class, () -> gateway.add(StoreName.TORBOX, POOLED, HASH, Optional.empty(), "203.0.113.7"));
        PlaybackFailure onState = assertThrows(PlaybackFailure.class, () -> gateway.state(StoreName.TORBOX, POOLED, "77"));
        PlaybackFailure onLink = assertThrows(PlaybackFailure.class, () -> gateway.link(StoreName.TORBOX, POOLED, "77:0", "203.0.113.7"));

        assertEquals(specific.getOrDefault(code, ErrorVideo.DOWNLOAD_FAILED), onAdd.video(), "a torrent that cannot be added");
        assertEquals(specific.getOrDefault(code, ErrorVideo.SERVER_ERROR), onState.video());
        assertEquals(specific.getOrDefault(code, ErrorVideo.SERVER_ERROR), onLink.video());
        assertFalse(onAdd.getMessage().contains(POOL_KEY));
    }

    @Test
    void aRevokedPoolKeyIsReportedOncePerFailedCall() {
        torbox.failing("addMagnet", new StoreException(StoreName.TORBOX, ErrorCode.UNAUTHORIZED, 401, "bad token"));

        assertThrows(PlaybackFailure.class, () -> gateway.add(StoreName.TORBOX, POOLED, HASH, Optional.empty(), "203.0.113.7"));

        assertEquals(List.of(new FakePool.Problem("pk-3", new KeyProblem.Unauthorized())), pool.problems);
    }

    @Test
    void aTorrentOnlyQueuedByTheStoreShowsTheDownloadingVideo() {
        torbox.magnet = magnet(MagnetStatus.QUEUED);
        torbox.queueOnly = true;

        PlaybackFailure failure = assertThrows(PlaybackFailure.class, () -> gateway.add(StoreName.TORBOX, POOLED, HASH, Optional.empty(), "203.0.113.7"));

        assertEquals(ErrorVideo.DOWNLOADING, failure.video());
        assertTrue(torbox.calls("magnet").isEmpty(), "a queue id is not a torrent id to poll");
    }

    @Test
    void anUncachedPrivateTorrentOnTorBoxIsUploadedFromItsDotTorrent() throws Exception {
        torbox.magnet = magnet(MagnetStatus.QUEUED);
        indexer.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/files/42.torrent").build());
        indexer.enqueue(new MockResponse.Builder().body(new Buffer().write(TORRENT)).build());

        String id = gateway.add(StoreName.TORBOX, POOLED, PRIVATE_HASH, known(PRIVATE_HASH, torrentLink()), "203.0.113.7");

        assertEquals("77", id);
        assertTrue(torbox.calls("addMagnet").isEmpty(), "a private tracker has no DHT: the hash alone never downloads");
        FakeStore.Call upload = torbox.calls("addTorrent").get(0);
        FakeStore.Upload file = (FakeStore.Upload) upload.argument();
        assertArrayEquals(TORRENT, file.torrent());
        assertEquals(PRIVATE_HASH + ".torrent", file.fileName());
        assertEquals(POOL_KEY, upload.key().reveal());
        assertEquals("203.0.113.7", upload.clientIp());
        assertEquals("/dl/42?apikey=" + INDEXER_SECRET + "&file=Private.Show", indexer.takeRequest().getTarget());
    }

    @Test
    void aDotTorrentLinkThatRedirectsToAMagnetAddsThatMagnet() throws Exception {
        torbox.magnet = magnet(MagnetStatus.QUEUED);
        String magnet = "magnet:?xt=urn:btih:" + PRIVATE_HASH.toUpperCase() + "&tr=http%3A%2F%2Ftracker.example%2Fa";
        indexer.enqueue(new MockResponse.Builder().code(301).addHeader("Location", magnet).build());

        gateway.add(StoreName.TORBOX, POOLED, PRIVATE_HASH, known(PRIVATE_HASH, torrentLink()), null);

        assertEquals(magnet, torbox.calls("addMagnet").get(0).argument(), "the magnet keeps its trackers");
        assertTrue(torbox.calls("addTorrent").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "oversized", "not-a-torrent", "another-torrent", "another-magnet", "unreachable"})
    void aDotTorrentThatCannotBeUsedShowsDownloadFailedAndTouchesNoStore(String problem) throws Exception {
        String link = torrentLink();
        if (problem.equals("missing")) {
            indexer.enqueue(new MockResponse.Builder().code(404).body("no such torrent").build());
        } else if (problem.equals("oversized")) {
            indexer.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[(int) TorrentFetcher.MAX_BYTES + 1])).build());
        } else if (problem.equals("not-a-torrent")) {
            indexer.enqueue(new MockResponse.Builder().body("<html>log in to download " + INDEXER_SECRET + "</html>").build());
        } else if (problem.equals("another-torrent")) {
            indexer.enqueue(new MockResponse.Builder().body(new Buffer().write(TORRENT)).build());
        } else if (problem.equals("another-magnet")) {
            indexer.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "magnet:?xt=urn:btih:" + HASH).build());
        } else {
            link = "http://127.0.0.1:1/dl?apikey=" + INDEXER_SECRET;
        }
        String wanted = problem.startsWith("another") ? HASH.replace('0', 'f') : PRIVATE_HASH;
        String finalLink = link;
        PlaybackFailure[] failure = new PlaybackFailure[1];

        String logs = ServerFixture.capturingLogs(() -> failure[0] = assertThrows(PlaybackFailure.class,
                () -> gateway.add(StoreName.TORBOX, POOLED, wanted, known(wanted, finalLink), "203.0.113.7")));

        assertEquals(ErrorVideo.DOWNLOAD_FAILED, failure[0].video());
        assertTrue(torbox.calls("addMagnet").isEmpty() && torbox.calls("addTorrent").isEmpty(),
                "nothing is added to the account: " + torbox.calls);
        assertTrue(logs.contains(".torrent of " + wanted), logs);
        String everything = logs + failure[0].getMessage();
        assertFalse(everything.contains(INDEXER_SECRET) || everything.contains("/dl") || everything.contains(POOL_KEY),
                everything);
    }

    @Test
    void uploadFailuresShowTheStoresVideoAndReportTheKey() {
        indexer.enqueue(new MockResponse.Builder().body(new Buffer().write(TORRENT)).build());
        indexer.enqueue(new MockResponse.Builder().body(new Buffer().write(TORRENT)).build());
        torbox.failing("addTorrent", new StoreException(StoreName.TORBOX, ErrorCode.STORE_LIMIT_EXCEEDED, 400, "ACTIVE_LIMIT"));

        PlaybackFailure limited = assertThrows(PlaybackFailure.class,
                () -> gateway.add(StoreName.TORBOX, POOLED, PRIVATE_HASH, known(PRIVATE_HASH, torrentLink()), null));
        torbox.failing("addTorrent", new StoreException(StoreName.TORBOX, ErrorCode.UNAUTHORIZED, 401, "BAD_TOKEN"));
        PlaybackFailure revoked = assertThrows(PlaybackFailure.class,
                () -> gateway.add(StoreName.TORBOX, POOLED, PRIVATE_HASH, known(PRIVATE_HASH, torrentLink()), null));

        assertEquals(ErrorVideo.STORE_LIMIT_EXCEEDED, limited.video());
        assertEquals(ErrorVideo.UNAUTHORIZED, revoked.video());
        assertEquals(List.of(new FakePool.Problem("pk-3", new KeyProblem.Unauthorized())), pool.problems);
    }

    @Test
    void aQueuedUploadShowsTheDownloadingVideo() {
        torbox.magnet = magnet(MagnetStatus.QUEUED);
        torbox.queueOnly = true;
        indexer.enqueue(new MockResponse.Builder().body(new Buffer().write(TORRENT)).build());

        PlaybackFailure failure = assertThrows(PlaybackFailure.class,
                () -> gateway.add(StoreName.TORBOX, POOLED, PRIVATE_HASH, known(PRIVATE_HASH, torrentLink()), null));

        assertEquals(ErrorVideo.DOWNLOADING, failure.video());
    }

    @Test
    void storesOtherThanTorBoxAddTheHashAndFetchNothing() throws Exception {
        FakeStore realDebrid = new FakeStore(StoreName.REALDEBRID);
        realDebrid.magnet = magnet(MagnetStatus.QUEUED);
        StoreGateway onRealDebrid = new StoreGateway(realDebrid.asSet(), torrents, problems, privateUrls, null);

        onRealDebrid.add(StoreName.REALDEBRID, new Access.Granted(ApiKey.of("own-rd-token"), "own-1", "", "rd"), PRIVATE_HASH,
                known(PRIVATE_HASH, torrentLink()), null);

        assertEquals("magnet:?xt=urn:btih:" + PRIVATE_HASH, realDebrid.calls("addMagnet").get(0).argument());
        assertEquals(0, indexer.getRequestCount());
    }

    @Test
    void twoPlayersClickingTheSameTorrentOnTheSameKeyAddItOnce() throws Exception {
        torbox.magnet = magnet(MagnetStatus.QUEUED);
        Access.Granted sameKeyOtherUser = new Access.Granted(ApiKey.of(POOL_KEY), "pk-3", "user-2", "tb");

        String first = gateway.add(StoreName.TORBOX, POOLED, HASH, Optional.empty(), null);
        String second = gateway.add(StoreName.TORBOX, sameKeyOtherUser, HASH, Optional.empty(), null);

        assertEquals(first, second);
        assertEquals(1, torbox.calls("addMagnet").size());
    }

    @Test
    void aPrivateTorrentFoundBySomeoneElseIsAddedByHashAndItsLinkNeverFetched() throws Exception {
        torbox.magnet = magnet(MagnetStatus.QUEUED);
        known(PRIVATE_HASH, torrentLink());

        gateway.add(StoreName.TORBOX, POOLED, PRIVATE_HASH, Optional.of("i-another-user"), null);
        // another key: the same key's second add of the torrent within seconds would reuse the first one's id
        gateway.add(StoreName.TORBOX, new Access.Granted(ApiKey.of("pool-key-secret-other-01"), "pk-4", "user-2", "tb"),
                PRIVATE_HASH, Optional.empty(), null);

        assertEquals(0, indexer.getRequestCount(), "only the finder's own records give a .torrent link");
        assertEquals(2, torbox.calls("addMagnet").size());
        assertTrue(torbox.calls("addTorrent").isEmpty());
    }

    /** The pool's TorBox key asked to play on Real-Debrid: no call reaches Real-Debrid, nothing is reported. */
    @Test
    void aPoolKeyIsNeverSentToAnotherStore() {
        FakeStore realDebrid = new FakeStore(StoreName.REALDEBRID);
        realDebrid.magnet = magnet(MagnetStatus.DOWNLOADED);
        StoreGateway onRealDebrid = new StoreGateway(realDebrid.asSet(), torrents, problems, privateUrls, null);

        PlaybackFailure add = assertThrows(PlaybackFailure.class, () -> onRealDebrid.add(StoreName.REALDEBRID, POOLED, HASH, Optional.empty(), null));
        PlaybackFailure state = assertThrows(PlaybackFailure.class, () -> onRealDebrid.state(StoreName.REALDEBRID, POOLED, "77"));
        PlaybackFailure link = assertThrows(PlaybackFailure.class, () -> onRealDebrid.link(StoreName.REALDEBRID, POOLED, "77:0", null));

        assertEquals(List.of(ErrorVideo.FORBIDDEN, ErrorVideo.FORBIDDEN, ErrorVideo.FORBIDDEN),
                List.of(add.video(), state.video(), link.video()));
        assertTrue(realDebrid.calls.isEmpty(), realDebrid.calls.toString());
        assertTrue(pool.problems.isEmpty());
        // a pool grant whose store is unknown is not sent anywhere either
        Access.Granted unknown = new Access.Granted(ApiKey.of(POOL_KEY), "pk-3", "user-1");
        assertThrows(PlaybackFailure.class, () -> gateway.add(StoreName.TORBOX, unknown, HASH, Optional.empty(), null));
        assertTrue(torbox.calls.isEmpty());
    }

    /** The key's createtorrent budget is spent: the user sees "busy", and the key is not reported. */
    @Test
    void aSpentOwnBudgetShowsTheBusyVideoAndIsNoKeyProblem() {
        torbox.failing("addMagnet", StoreException.ownLimit(StoreName.TORBOX, "budget spent", Duration.ofMinutes(40)));

        PlaybackFailure failure = assertThrows(PlaybackFailure.class, () -> gateway.add(StoreName.TORBOX, POOLED, HASH, Optional.empty(), null));

        assertEquals(ErrorVideo.BUSY, failure.video());
        assertTrue(pool.problems.isEmpty(), pool.problems.toString());
    }

    /** Another file of a torrent already in the account: no createtorrent, the account's torrent is used. */
    @Test
    void aTorrentAlreadyInTheAccountIsReusedNotAddedAgain() throws Exception {
        torbox.account = List.of(new StoreMagnet("55", "f".repeat(40), "Other", 1, MagnetStatus.DOWNLOADED, List.of(), null),
                new StoreMagnet("66", HASH, "Failed copy", 1, MagnetStatus.FAILED, List.of(), null),
                new StoreMagnet("77", HASH.toUpperCase(), "The.Matrix", 1, MagnetStatus.DOWNLOADED, List.of(), null));
        UserAddQuota quota = new UserAddQuota(1, System::nanoTime);
        StoreGateway limited = new StoreGateway(torbox.asSet(), torrents, problems, privateUrls, quota);

        assertEquals("77", limited.add(StoreName.TORBOX, POOLED, HASH, Optional.empty(), null));
        assertEquals("77", limited.add(StoreName.TORBOX, POOLED, HASH, Optional.empty(), null));

        assertTrue(torbox.calls("addMagnet").isEmpty());
        assertEquals(POOL_KEY, torbox.calls("listMagnets").get(0).key().reveal());
        assertTrue(quota.take("user-1").isEmpty(), "reusing spent none of the user's adds");
    }

    /** Over their hourly quota a user sees "busy"; nothing reaches the store and the key is not reported. */
    @Test
    void aUserOverTheirHourlyAddsSeesBusyAndTheStoreIsNotAsked() throws Exception {
        torbox.magnet = magnet(MagnetStatus.QUEUED);
        StoreGateway limited = new StoreGateway(torbox.asSet(), torrents, problems, privateUrls, new UserAddQuota(2, System::nanoTime));

        limited.add(StoreName.TORBOX, POOLED, HASH, Optional.empty(), null);
        limited.add(StoreName.TORBOX, POOLED, "e".repeat(40), Optional.empty(), null);
        PlaybackFailure third = assertThrows(PlaybackFailure.class, () -> limited.add(StoreName.TORBOX, POOLED, "d".repeat(40), Optional.empty(), null));

        assertEquals(ErrorVideo.BUSY, third.video());
        assertEquals(2, torbox.calls("addMagnet").size());
        assertTrue(pool.problems.isEmpty());
        Access.Granted otherUser = new Access.Granted(ApiKey.of(POOL_KEY), "pk-3", "user-2", "tb");
        limited.add(StoreName.TORBOX, otherUser, "d".repeat(40), Optional.empty(), null);
        assertEquals(3, torbox.calls("addMagnet").size(), "another user on the same key is not affected");
    }
}
