package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.core.torrent.InfoHash;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.DebridGateway;
import dev.chillproxy.core.torz.ErrorVideo;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.store.Store;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.registry.StoreSet;
import dev.chillproxy.store.http.SecretMasker;
import dev.chillproxy.store.torznab.TorrentDownload;
import dev.chillproxy.store.torznab.TorrentFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playback's store calls on the debrid adapters, with the granted key passed per call (never kept), and only ever to
 * the key's own store. A torrent already in a TorBox account is reused, not added again, and each pool user has an
 * hourly quota of adds ({@link UserAddQuota}) so no one user spends a shared key's budget. Store errors
 * become the matching error video, and revoked or throttled pool keys are reported to the pool. An uncached private
 * torrent on TorBox is added from its {@code .torrent} file: its tracker has no DHT, so a bare hash never downloads.
 * The {@code .torrent} link comes from the server's own records for whoever asks ({@link PrivateTorrentUrls}), never
 * from the playback link; without one the hash is added as a magnet. It is never logged nor put in a message (it
 * carries the indexer's api key). Two requests for the same torrent on the same key make one add ({@link SingleFlightAdds}).
 * Thread-safe.
 */
public final class StoreGateway implements DebridGateway {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGateway.class);

    private final StoreSet stores;
    private final TorrentFetcher torrents;
    private final KeyProblemReporter problems;
    private final PrivateTorrentUrls privateUrls;
    private final UserAddQuota quota;
    private final SingleFlightAdds adds;

    /** @param quota how many torrents each pool user may add per hour; null = no per-user limit */
    public StoreGateway(StoreSet stores, TorrentFetcher torrents, KeyProblemReporter problems, PrivateTorrentUrls privateUrls,
                        UserAddQuota quota) {
        this(stores, torrents, problems, privateUrls, quota, SingleFlightAdds.local(Ticker.systemTicker()));
    }

    /** @param adds one add per key and torrent at a time, on this instance or on all that share it */
    public StoreGateway(StoreSet stores, TorrentFetcher torrents, KeyProblemReporter problems, PrivateTorrentUrls privateUrls,
                        UserAddQuota quota, SingleFlightAdds adds) {
        this.stores = stores;
        this.torrents = torrents;
        this.problems = problems;
        this.privateUrls = privateUrls;
        this.quota = quota;
        this.adds = adds;
    }

    @Override
    public String add(StoreName name, Access.Granted access, String hash, Optional<String> privateFinder, String clientIp)
            throws PlaybackFailure {
        Store store = store(name, access);
        // the key by its fingerprint only: the subject may be stored in Redis
        String subject = name.code() + ":" + access.key().fingerprint() + ":" + hash.toLowerCase(Locale.ROOT);
        return adds.add(subject, () -> addNow(store, name, access, hash, privateFinder, clientIp));
    }

    private String addNow(Store store, StoreName name, Access.Granted access, String hash, Optional<String> privateFinder,
                          String clientIp) throws PlaybackFailure {
        Optional<String> inAccount = inAccount(store, access, hash);
        if (inAccount.isPresent()) {
            return inAccount.get();
        }
        spendUsersAdd(access);
        Optional<String> torrentUrl = store.name() != StoreName.TORBOX
                ? Optional.empty() : privateFinder.flatMap(finder -> privateUrls.find(finder, hash));
        AddedMagnet added = torrentUrl.isPresent()
                ? addPrivate(store, access, hash, torrentUrl.get(), clientIp)
                : call(access, ErrorVideo.DOWNLOAD_FAILED,
                        () -> store.addMagnet(access.key(), new InfoHash(hash).toMagnet(), clientIp));
        if (added.queuedOnly()) {
            // TorBox queues the request when the account's slots are full: a queue id is no torrent to poll yet
            throw new PlaybackFailure(ErrorVideo.DOWNLOADING, name.code() + ": queued by the store");
        }
        return added.id();
    }

    /**
     * The torrent when the account already has it, so playing another file of it (or replaying) spends none of the
     * key's scarce TorBox {@code createtorrent} budget. Looks at the newest page of {@code mylist} only; a failed look
     * is reported like any call and the add goes ahead.
     */
    private Optional<String> inAccount(Store store, Access.Granted access, String hash) {
        if (store.name() != StoreName.TORBOX) {
            return Optional.empty();
        }
        try {
            return store.listMagnets(access.key(), 0).items().stream()
                    .filter(magnet -> magnet.hash().equalsIgnoreCase(hash) && !magnet.status().isTerminalFailure())
                    .map(StoreMagnet::id)
                    .findFirst();
        } catch (StoreException e) {
            problems.report(access, e);
            LOG.debug("{}: account list not read before adding {}: {}", store.name().code(), hash, e.getMessage());
            return Optional.empty();
        }
    }

    /** One pool user may not spend a shared key's hourly adds: over their quota they get "busy", the key is untouched. */
    private void spendUsersAdd(Access.Granted access) throws PlaybackFailure {
        if (quota == null || !access.pooled()) {
            return;
        }
        Optional<Duration> wait = quota.take(access.userId());
        if (wait.isPresent()) {
            throw new PlaybackFailure(ErrorVideo.BUSY, "this user's torrent adds for the hour are spent; next in "
                    + Math.max(1, wait.get().toMinutes()) + " min");
        }
    }

    /** Uploads the {@code .torrent}, or adds the magnet the link redirected to; either must be the requested hash. */
    private AddedMagnet addPrivate(Store store, Access.Granted access, String hash, String torrentUrl, String clientIp)
            throws PlaybackFailure {
        TorrentDownload download = torrents.download(torrentUrl);
        if (download instanceof TorrentDownload.MagnetRedirect redirect) {
            requireHash(store, hash, redirect.hash());
            return call(access, ErrorVideo.DOWNLOAD_FAILED, () -> store.addMagnet(access.key(), redirect.magnet(), clientIp));
        }
        if (download instanceof TorrentDownload.Fetched fetched) {
            requireHash(store, hash, fetched.hash());
            return call(access, ErrorVideo.DOWNLOAD_FAILED,
                    () -> store.addTorrent(access.key(), fetched.torrent(), hash + ".torrent", clientIp));
        }
        String reason = SecretMasker.mask(((TorrentDownload.Failed) download).reason());
        LOG.info("{}: .torrent of {} not fetched: {}", store.name().code(), hash, reason);
        throw new PlaybackFailure(ErrorVideo.DOWNLOAD_FAILED, store.name().code() + ": .torrent not fetched: " + reason);
    }

    /** A link that gives another torrent than the one listed would play (and cache) the wrong content. */
    private static void requireHash(Store store, String wanted, String got) throws PlaybackFailure {
        if (!wanted.equalsIgnoreCase(got)) {
            LOG.info("{}: .torrent of {} is another torrent ({})", store.name().code(), wanted, got);
            throw new PlaybackFailure(ErrorVideo.DOWNLOAD_FAILED,
                    store.name().code() + ": the .torrent is not torrent " + wanted);
        }
    }

    @Override
    public MagnetState state(StoreName name, Access.Granted access, String magnetId) throws PlaybackFailure {
        Store store = store(name, access);
        StoreMagnet magnet = call(access, ErrorVideo.SERVER_ERROR, () -> store.magnet(access.key(), magnetId));
        List<PlayableFile> files = magnet.files().stream()
                .map(file -> new PlayableFile(file.toTorrentFile(), file.linkHandle()))
                .toList();
        return new MagnetState(progress(magnet.status()), files);
    }

    @Override
    public String link(StoreName name, Access.Granted access, String linkHandle, String clientIp) throws PlaybackFailure {
        Store store = store(name, access);
        return call(access, ErrorVideo.SERVER_ERROR, () -> store.generateLink(access.key(), linkHandle, clientIp));
    }

    /** The store of this code, for this key: a pool key is only ever sent to its own service. */
    private Store store(StoreName name, Access.Granted access) throws PlaybackFailure {
        if (!access.mayCall(name.code())) {
            LOG.warn("pool key {} belongs to store '{}', not {}: call not made", access.keyId(), access.store(), name.code());
            throw new PlaybackFailure(ErrorVideo.FORBIDDEN, name.code() + ": the pool key is not one for this store");
        }
        return stores.get(name);
    }

    private <T> T call(Access.Granted access, ErrorVideo otherwise, Supplier<T> call) throws PlaybackFailure {
        try {
            return call.get();
        } catch (StoreException e) {
            problems.report(access, e);
            // our own budget for the key is spent: the key is fine, the user should just come back later
            throw new PlaybackFailure(e.isOwnLimit() ? ErrorVideo.BUSY : video(e.code(), otherwise), e.getMessage());
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
