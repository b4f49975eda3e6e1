package dev.chillproxy.store;

import java.util.List;
import java.util.Objects;

/**
 * A hash the store holds in its cache.
 *
 * @param size  bytes, or -1 when unknown
 * @param files may be empty when the store lists none (file indexes are -1: caches carry no file ids)
 */
public record CachedMagnet(String hash, String name, long size, List<StoreFile> files) {

    public CachedMagnet {
        Objects.requireNonNull(hash, "hash");
        name = name == null ? "" : name;
        files = files == null ? List.of() : List.copyOf(files);
    }
}
