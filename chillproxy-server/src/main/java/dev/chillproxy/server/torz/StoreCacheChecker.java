package dev.chillproxy.server.torz;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.CacheChecker;
import dev.chillproxy.server.metrics.CacheCounters;
import dev.chillproxy.server.torz.index.MagnetCache;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.Store;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.registry.StoreSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache status through the shared magnet cache first, then one batch call to the store for the hashes it does not
 * know (TorBox {@code checkcached}), whose answers are remembered for everyone. Thread-safe.
 */
public final class StoreCacheChecker implements CacheChecker {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCacheChecker.class);

    private final StoreSet stores;
    private final MagnetCache cache;
    private final KeyProblemReporter problems;
    private final CacheCounters counters;
    private final Executor tableWrites;

    /**
     * @param background writes new answers to the shared table off the request's critical path, a moment after the
     *                   check ({@link BackgroundWrites#AFTER}): this instance keeps them in memory at once, and the
     *                   write then no longer competes with the rest of the list for the database
     */
    public StoreCacheChecker(StoreSet stores, MagnetCache cache, KeyProblemReporter problems, CacheCounters counters,
                             Executor background) {
        this(BackgroundWrites.later(background), stores, cache, problems, counters);
    }

    /** With {@code tableWrites} running the writes to the shared table (tests run them when they choose). */
    static StoreCacheChecker writingWith(Executor tableWrites, StoreSet stores, MagnetCache cache,
                                         KeyProblemReporter problems, CacheCounters counters) {
        return new StoreCacheChecker(tableWrites, stores, cache, problems, counters);
    }

    private StoreCacheChecker(Executor tableWrites, StoreSet stores, MagnetCache cache, KeyProblemReporter problems,
                              CacheCounters counters) {
        this.stores = stores;
        this.cache = cache;
        this.problems = problems;
        this.counters = counters;
        this.tableWrites = tableWrites;
    }

    @Override
    public CacheStatus check(StoreName name, Access.Granted access, List<String> hashes, String clientIp) {
        String storeCode = name.code();
        Map<String, Boolean> known = new HashMap<>(remembered(storeCode, hashes));
        List<String> unknown = hashes.stream().filter(hash -> !known.containsKey(hash)).distinct().toList();
        counters.hit(known.size());
        counters.miss(unknown.size());
        if (!unknown.isEmpty() && !access.mayCall(storeCode)) {
            // a pool key is only ever sent to its own service
            LOG.warn("pool key {} belongs to store '{}', not {}: cache check not made", access.keyId(), access.store(), storeCode);
            return new CacheStatus.Failed(storeCode.toUpperCase() + " cannot be used with the key pool.");
        }
        if (!unknown.isEmpty()) {
            Store store = stores.get(name);
            try {
                CacheCheck answer = store.checkCached(access.key(), unknown, clientIp);
                if (answer instanceof CacheCheck.Unsupported) {
                    return known.containsValue(true) ? cachedOf(known) : new CacheStatus.Unsupported();
                }
                CacheCheck.Checked checked = (CacheCheck.Checked) answer;
                Map<String, Boolean> fresh = new HashMap<>();
                unknown.forEach(hash -> fresh.put(hash, checked.isCached(hash)));
                cache.note(storeCode, fresh);
                tableWrites.execute(() -> remember(storeCode, fresh));
                known.putAll(fresh);
            } catch (StoreException e) {
                problems.report(access, e);
                LOG.warn("cache check on {} failed: {}", storeCode, e.getMessage());
                return new CacheStatus.Failed(storeCode.toUpperCase() + " could not be asked which streams are cached ("
                        + e.code() + "). Try again in a minute.");
            }
        }
        return cachedOf(known);
    }

    /** The magnet cache saves calls; when the database is in trouble the store is simply asked for everything. */
    private Map<String, Boolean> remembered(String storeCode, List<String> hashes) {
        try {
            return cache.fresh(storeCode, hashes);
        } catch (RuntimeException e) {
            LOG.warn("magnet cache unreadable, asking {} for every hash: {}", storeCode, e.getClass().getSimpleName());
            return Map.of();
        }
    }

    private void remember(String storeCode, Map<String, Boolean> answers) {
        try {
            cache.share(storeCode, answers);
        } catch (RuntimeException e) {
            LOG.warn("could not remember {} cache answers of {}: {}", answers.size(), storeCode, e.getClass().getSimpleName());
        }
    }

    private static CacheStatus cachedOf(Map<String, Boolean> answers) {
        Set<String> cached = new HashSet<>();
        answers.forEach((hash, isCached) -> {
            if (isCached) {
                cached.add(hash);
            }
        });
        return new CacheStatus.Known(cached);
    }
}
