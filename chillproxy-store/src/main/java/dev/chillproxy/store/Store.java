package dev.chillproxy.store;

import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.secret.ApiKey;
import java.util.List;

/**
 * One debrid service. The API key is a parameter of every call and never state of the implementation, so
 * one instance serves every user concurrently. {@code clientIp} is the end user's IP, forwarded where the
 * service accepts it (TorBox {@code user_ip}, Real-Debrid {@code ip}, AllDebrid {@code userip}); it may be null.
 *
 * <p>Implementations are thread-safe. Every method throws {@link StoreException} on failure.
 */
public interface Store {

    StoreName name();

    StoreUser user(ApiKey key);

    /**
     * Which of these hashes (40-hex, base32 or magnet links; any case) the store has cached. Services without a
     * cache API answer {@link CacheCheck.Unsupported} without a network call.
     */
    CacheCheck checkCached(ApiKey key, List<String> hashes, String clientIp);

    /** Adds a magnet link or a bare info hash to the account. */
    AddedMagnet addMagnet(ApiKey key, String magnetOrHash, String clientIp);

    /**
     * Adds a torrent from its {@code .torrent} file, for private torrents whose peers only the file's trackers know
     * (no DHT, so a bare hash never downloads). {@code fileName} is the upload's name; may be null. Only TorBox
     * supports it; other stores throw {@link ErrorCode#NOT_IMPLEMENTED} without a network call.
     */
    default AddedMagnet addTorrent(ApiKey key, byte[] torrentFile, String fileName, String clientIp) {
        throw new StoreException(name(), ErrorCode.NOT_IMPLEMENTED, 0, "adding a .torrent file is not supported");
    }

    /** Status and files of one magnet; {@link ErrorCode#NOT_FOUND} when the id is unknown. */
    StoreMagnet magnet(ApiKey key, String id);

    /** A page (0-based) of the account's magnets, newest first where the store sorts. */
    MagnetPage listMagnets(ApiKey key, int page);

    void removeMagnet(ApiKey key, String id);

    /** Turns a {@link StoreFile#linkHandle()} into the direct CDN URL to redirect the player to. */
    String generateLink(ApiKey key, String linkHandle, String clientIp);
}
