package dev.chillproxy.store.internal;

import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.torrent.InfoHash;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a caller's hash list into distinct normalised hashes and splits it into batches. */
public final class HashList {

    private HashList() {
    }

    /** Distinct normalised hashes in input order; an unparseable entry is a BAD_REQUEST naming its position. */
    public static List<String> normalise(StoreName store, List<String> hashes) {
        if (hashes == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < hashes.size(); i++) {
            int position = i;
            distinct.add(InfoHash.tryParse(hashes.get(i)).map(InfoHash::hex).orElseThrow(() -> new StoreException(store,
                    ErrorCode.BAD_REQUEST, 0, "hashes[" + position + "]: not an info hash or magnet")));
        }
        return List.copyOf(distinct);
    }

    public static List<List<String>> chunks(List<String> hashes, int size) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < hashes.size(); from += size) {
            chunks.add(hashes.subList(from, Math.min(hashes.size(), from + size)));
        }
        return chunks;
    }

    /** The hash of a magnet or bare hash argument, or BAD_REQUEST. */
    public static String require(StoreName store, String magnetOrHash) {
        return InfoHash.tryParse(magnetOrHash).map(InfoHash::hex).orElseThrow(() -> new StoreException(store, ErrorCode.BAD_REQUEST, 0,
                "magnet: not an info hash or magnet link"));
    }
}
