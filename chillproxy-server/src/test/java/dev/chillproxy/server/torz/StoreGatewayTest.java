package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;

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
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreFile;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.store.StoreName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreGatewayTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
    private static final String POOL_KEY = "pool-key-secret-0123456789";
    private static final Access.Granted POOLED = new Access.Granted(ApiKey.of(POOL_KEY), "pk-3", "user-1");

    private final FakeStore torbox = new FakeStore(StoreName.TORBOX);
    private final FakePool pool = new FakePool(new Grant.Allowed(ApiKey.of("unused"), "unused", 1));
    private final StoreGateway gateway = new StoreGateway(torbox.asSet(), new KeyProblemReporter(pool, Clock.systemUTC()));

    private static StoreMagnet magnet(MagnetStatus status) {
        return new StoreMagnet("77", HASH, "The.Matrix.1999.1080p", 12_000_000_000L, status,
                List.of(StoreFile.of(0, "/The.Matrix.1999.1080p/The.Matrix.mkv", 12_000_000_000L, "77:0"),
                        StoreFile.of(1, "The.Matrix.1999.1080p/notes.nfo", -1, null)),
                null);
    }

    @Test
    void addLinkAndStateUseTheGrantedKeyAndTheClientsAddress() throws Exception {
        torbox.magnet = magnet(MagnetStatus.DOWNLOADED);

        String id = gateway.add("tb", POOLED, HASH, "", "203.0.113.7");
        MagnetState state = gateway.state("tb", POOLED, id);
        String url = gateway.link("tb", POOLED, state.files().get(0).linkHandle(), "203.0.113.7");

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

        assertEquals(expected.get(status), gateway.state("tb", POOLED, "77").progress());
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

        PlaybackFailure onAdd = assertThrows(PlaybackFailure.class, () -> gateway.add("tb", POOLED, HASH, "", "203.0.113.7"));
        PlaybackFailure onState = assertThrows(PlaybackFailure.class, () -> gateway.state("tb", POOLED, "77"));
        PlaybackFailure onLink = assertThrows(PlaybackFailure.class, () -> gateway.link("tb", POOLED, "77:0", "203.0.113.7"));

        assertEquals(specific.getOrDefault(code, ErrorVideo.DOWNLOAD_FAILED), onAdd.video(), "a torrent that cannot be added");
        assertEquals(specific.getOrDefault(code, ErrorVideo.SERVER_ERROR), onState.video());
        assertEquals(specific.getOrDefault(code, ErrorVideo.SERVER_ERROR), onLink.video());
        assertFalse(onAdd.getMessage().contains(POOL_KEY));
    }

    @Test
    void aRevokedPoolKeyIsReportedOncePerFailedCall() {
        torbox.failing("addMagnet", new StoreException(StoreName.TORBOX, ErrorCode.UNAUTHORIZED, 401, "bad token"));

        assertThrows(PlaybackFailure.class, () -> gateway.add("tb", POOLED, HASH, "", "203.0.113.7"));

        assertEquals(List.of(new FakePool.Problem("pk-3", new KeyProblem.Unauthorized())), pool.problems);
    }

    @Test
    void aTorrentOnlyQueuedByTheStoreShowsTheDownloadingVideo() {
        torbox.magnet = magnet(MagnetStatus.QUEUED);
        torbox.queueOnly = true;

        PlaybackFailure failure = assertThrows(PlaybackFailure.class, () -> gateway.add("tb", POOLED, HASH, "", "203.0.113.7"));

        assertEquals(ErrorVideo.DOWNLOADING, failure.video());
        assertTrue(torbox.calls("magnet").isEmpty(), "a queue id is not a torrent id to poll");
    }
}
