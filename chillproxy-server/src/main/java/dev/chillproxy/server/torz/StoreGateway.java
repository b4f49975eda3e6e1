package dev.chillproxy.server.torz;

import java.util.List;
import java.util.function.Supplier;

import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.DebridGateway;
import dev.chillproxy.core.torz.ErrorVideo;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.store.StoreName;
import dev.chillproxy.store.StoreSet;

/**
 * Playback's store calls on the debrid adapters, with the granted key passed per call (never kept). Store errors
 * become the matching error video, and revoked or throttled pool keys are reported to the pool. Thread-safe.
 */
public final class StoreGateway implements DebridGateway {

    private final StoreSet stores;
    private final KeyProblemReporter problems;

    public StoreGateway(StoreSet stores, KeyProblemReporter problems) {
        this.stores = stores;
        this.problems = problems;
    }

    @Override
    public String add(String storeCode, Access.Granted access, String hash, String torrentUrl, String clientIp)
            throws PlaybackFailure {
        // private torrents are added by hash too: the tracker's .torrent upload is not supported yet
        AddedMagnet added = call(access, ErrorVideo.DOWNLOAD_FAILED,
                () -> store(storeCode).addMagnet(access.key(), "magnet:?xt=urn:btih:" + hash, clientIp));
        if (added.queuedOnly()) {
            // TorBox queues the request when the account's slots are full: a queue id is no torrent to poll yet
            throw new PlaybackFailure(ErrorVideo.DOWNLOADING, storeCode + ": queued by the store");
        }
        return added.id();
    }

    @Override
    public MagnetState state(String storeCode, Access.Granted access, String magnetId) throws PlaybackFailure {
        StoreMagnet magnet = call(access, ErrorVideo.SERVER_ERROR, () -> store(storeCode).magnet(access.key(), magnetId));
        List<PlayableFile> files = magnet.files().stream()
                .map(file -> new PlayableFile(file.toTorrentFile(), file.linkHandle()))
                .toList();
        return new MagnetState(progress(magnet.status()), files);
    }

    @Override
    public String link(String storeCode, Access.Granted access, String linkHandle, String clientIp) throws PlaybackFailure {
        return call(access, ErrorVideo.SERVER_ERROR, () -> store(storeCode).generateLink(access.key(), linkHandle, clientIp));
    }

    private dev.chillproxy.store.Store store(String code) {
        return stores.get(StoreName.fromCode(code));
    }

    private <T> T call(Access.Granted access, ErrorVideo otherwise, Supplier<T> call) throws PlaybackFailure {
        try {
            return call.get();
        } catch (StoreException e) {
            problems.report(access, e);
            throw new PlaybackFailure(video(e.code(), otherwise), e.getMessage());
        }
    }

    private static Progress progress(MagnetStatus status) {
        if (status.isReady()) {
            return Progress.READY;
        }
        // an unknown state after adding counts as failed, as in StremThru
        return status.isTerminalFailure() || status == MagnetStatus.UNKNOWN ? Progress.FAILED : Progress.PENDING;
    }

    static ErrorVideo video(ErrorCode code, ErrorVideo otherwise) {
        return switch (code) {
            case UNAUTHORIZED, FORBIDDEN -> ErrorVideo.UNAUTHORIZED;
            case TOO_MANY_REQUESTS -> ErrorVideo.TOO_MANY_REQUESTS;
            case PAYMENT_REQUIRED -> ErrorVideo.PAYMENT_REQUIRED;
            case STORE_LIMIT_EXCEEDED -> ErrorVideo.STORE_LIMIT_EXCEEDED;
            case STORE_SERVER_DOWN, SERVICE_UNAVAILABLE -> ErrorVideo.SERVER_ERROR;
            default -> otherwise;
        };
    }
}
