package dev.chillproxy.core.torz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.Locale;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.format.StreamTemplate;
import dev.chillproxy.core.rank.FilterBudget;
import dev.chillproxy.core.rank.FilterTooExpensiveException;
import dev.chillproxy.core.rank.StreamFilter;
import dev.chillproxy.core.rank.StreamSorter;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.stremio.Stream;
import dev.chillproxy.core.stremio.StreamBehaviorHints;
import dev.chillproxy.core.torz.CacheChecker.CacheStatus;

/**
 * Turns ranked candidates and per-store cache answers into Stremio stream entries, StremThru's way: cached
 * entries first (one per torrent, for the first store that has it), then one uncached entry per usable
 * store unless the user asked for cached only. Stateless and thread-safe.
 *
 * <p>Unlike StremThru, the filter sees the store code and cached flag of the entry it judges, so
 * {@code Store.IsCached} filters work. All entries of one list share one {@link FilterBudget}.
 */
final class StreamAssembler {

    static final String ADDON_NAME = "Torz";

    private final StreamLinks links;

    StreamAssembler(StreamLinks links) {
        this.links = links;
    }

    List<Stream> assemble(TorzConfig config, String cfg, String stremioId, List<StreamCandidate> candidates,
                          Map<StoreName, CacheStatus> statuses, StreamFilter filter, StreamSorter sorter)
            throws FilterTooExpensiveException {
        FilterBudget budget = FilterBudget.forList();
        List<StreamCandidate> sorted = sorter.sort(candidates);
        Map<String, StoreName> cachedIn = firstCachingStore(sorted, statuses);
        List<Stream> streams = new ArrayList<>();
        for (StreamCandidate candidate : sorted) {
            StoreName store = cachedIn.get(candidate.hash());
            if (store != null && filter.test(candidate, label(store), true, budget)) {
                streams.add(entry(config, cfg, stremioId, candidate, store, true));
            }
        }
        if (config.cached()) {
            return streams;
        }
        for (StreamCandidate candidate : sorted) {
            if (cachedIn.containsKey(candidate.hash())) {
                continue;
            }
            for (Map.Entry<StoreName, CacheStatus> status : statuses.entrySet()) {
                StoreName store = status.getKey();
                if (!(status.getValue() instanceof CacheStatus.Failed) && offersUncached(config, candidate, store)
                        && filter.test(candidate, label(store), false, budget)) {
                    streams.add(entry(config, cfg, stremioId, candidate, store, false));
                }
            }
        }
        return streams;
    }

    /** P2P mode: the torrent itself, for every candidate whose file is known and that is not private. */
    List<Stream> assembleP2p(List<StreamCandidate> candidates, StreamFilter filter, StreamSorter sorter)
            throws FilterTooExpensiveException {
        FilterBudget budget = FilterBudget.forList();
        List<Stream> streams = new ArrayList<>();
        for (StreamCandidate candidate : sorter.sort(candidates)) {
            if (candidate.file() == null || candidate.file().index() < 0 || candidate.isPrivate()
                    || !filter.test(candidate, "P2P", false, budget)) {
                continue;
            }
            streams.add(new Stream(StreamTemplate.name(candidate, "P2P", false, ADDON_NAME), StreamTemplate.description(candidate),
                    null, candidate.hash(), candidate.file().index(), null, hints(candidate)));
        }
        return streams;
    }

    private static Map<String, StoreName> firstCachingStore(List<StreamCandidate> candidates,
                                                            Map<StoreName, CacheStatus> statuses) {
        Map<String, StoreName> cachedIn = new LinkedHashMap<>();
        for (StreamCandidate candidate : candidates) {
            for (Map.Entry<StoreName, CacheStatus> status : statuses.entrySet()) {
                if (status.getValue() instanceof CacheStatus.Known known && known.cached().contains(candidate.hash())) {
                    cachedIn.putIfAbsent(candidate.hash(), status.getKey());
                }
            }
        }
        return cachedIn;
    }

    /** Private torrents are offered uncached only on TorBox, when asked for and when a .torrent link exists. */
    private static boolean offersUncached(TorzConfig config, StreamCandidate candidate, StoreName store) {
        if (!candidate.isPrivate()) {
            return true;
        }
        return config.uncachedPrivate() && store == StoreName.TORBOX && !candidate.torrentUrl().isEmpty();
    }

    private Stream entry(TorzConfig config, String cfg, String stremioId, StreamCandidate candidate, StoreName store,
                         boolean cached) {
        boolean privateUpload = !cached && candidate.isPrivate() && config.uncachedPrivate() && store == StoreName.TORBOX;
        int fileIdx = candidate.file() == null ? -1 : candidate.file().index();
        String fileName = candidate.file() == null ? "" : candidate.file().name();
        String url = links.strem(cfg, stremioId, store, candidate.hash(), privateUpload, fileIdx, fileName);
        return new Stream(StreamTemplate.name(candidate, label(store), cached, ADDON_NAME), StreamTemplate.description(candidate),
                url, null, null, null, hints(candidate));
    }

    /** The store as the name line and the filter show it ({@code TB}). */
    private static String label(StoreName store) {
        return store.code().toUpperCase(Locale.ROOT);
    }

    /** A pack's own size is no episode's: without the episode's file, neither a file name nor a size is claimed. */
    private static StreamBehaviorHints hints(StreamCandidate candidate) {
        String filename = candidate.file() == null ? null : candidate.file().name();
        boolean guess = candidate.file() == null && candidate.parsed().isPack();
        Long size = candidate.effectiveSize() > 0 && !guess ? candidate.effectiveSize() : null;
        return new StreamBehaviorHints("torz:" + candidate.hash(), filename, size, null);
    }
}
