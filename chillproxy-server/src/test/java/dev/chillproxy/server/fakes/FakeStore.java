package dev.chillproxy.server.fakes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.MagnetPage;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.Store;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.registry.StoreSet;
import dev.chillproxy.store.StoreUser;
import dev.chillproxy.store.Subscription;

/**
 * A debrid store with scripted answers: a cache check, one magnet, a link per handle, or a failure for any call.
 * Records each call with the key it was made with. Thread-safe.
 */
public final class FakeStore implements Store {

    public record Call(String operation, ApiKey key, Object argument, String clientIp) {
    }

    /** The argument of an {@code addTorrent} call. */
    public record Upload(String fileName, byte[] torrent) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final StoreName name;
    private final Map<String, StoreException> failures = new ConcurrentHashMap<>();
    public volatile CacheCheck cacheAnswer;
    public volatile StoreMagnet magnet;
    /** TorBox answers with a queue id instead of a torrent when the account's download slots are full. */
    public volatile boolean queueOnly;
    /** The torrents already in the account, newest first. */
    public volatile List<StoreMagnet> account = List.of();

    public FakeStore(StoreName name) {
        this.name = name;
    }

    public StoreSet asSet() {
        return new StoreSet(Map.of(name, this));
    }

    /** Every later call of {@code operation} fails with {@code failure}. */
    public FakeStore failing(String operation, StoreException failure) {
        failures.put(operation, failure);
        return this;
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).toList();
    }

    private void record(String operation, ApiKey key, Object argument, String clientIp) {
        calls.add(new Call(operation, key, argument, clientIp));
        StoreException failure = failures.get(operation);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public StoreName name() {
        return name;
    }

    @Override
    public StoreUser user(ApiKey key) {
        record("user", key, null, null);
        return new StoreUser("fake-user", "", Subscription.PREMIUM, null);
    }

    @Override
    public CacheCheck checkCached(ApiKey key, List<String> hashes, String clientIp) {
        record("checkCached", key, List.copyOf(hashes), clientIp);
        return cacheAnswer;
    }

    @Override
    public AddedMagnet addMagnet(ApiKey key, String magnetOrHash, String clientIp) {
        record("addMagnet", key, magnetOrHash, clientIp);
        return new AddedMagnet(queueOnly ? "q-1" : magnet.id(), magnet.hash(), MagnetStatus.QUEUED, queueOnly);
    }

    @Override
    public AddedMagnet addTorrent(ApiKey key, byte[] torrentFile, String fileName, String clientIp) {
        record("addTorrent", key, new Upload(fileName, torrentFile.clone()), clientIp);
        return new AddedMagnet(queueOnly ? "q-1" : magnet.id(), magnet.hash(), MagnetStatus.QUEUED, queueOnly);
    }

    @Override
    public StoreMagnet magnet(ApiKey key, String id) {
        record("magnet", key, id, null);
        return magnet;
    }

    @Override
    public MagnetPage listMagnets(ApiKey key, int page) {
        record("listMagnets", key, page, null);
        return new MagnetPage(page == 0 ? account : List.of(), page, false);
    }

    @Override
    public void removeMagnet(ApiKey key, String id) {
        throw new UnsupportedOperationException("not used by torz");
    }

    @Override
    public String generateLink(ApiKey key, String linkHandle, String clientIp) {
        record("generateLink", key, linkHandle, clientIp);
        return "https://cdn.example/" + linkHandle;
    }
}
