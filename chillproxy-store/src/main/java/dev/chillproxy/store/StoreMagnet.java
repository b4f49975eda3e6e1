package dev.chillproxy.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A magnet (torrent) in a store account.
 *
 * @param id      the store's id for {@link Store#magnet}, {@link Store#removeMagnet}
 * @param hash    40-char lower-case info hash, or empty when the store does not say
 * @param size    bytes, or -1 when unknown
 * @param addedAt may be null
 */
public record StoreMagnet(String id, String hash, String name, long size, MagnetStatus status,
                          List<StoreFile> files, Instant addedAt) {

    public StoreMagnet {
        Objects.requireNonNull(id, "id");
        hash = hash == null ? "" : hash;
        name = name == null ? "" : name;
        Objects.requireNonNull(status, "status");
        files = files == null ? List.of() : List.copyOf(files);
    }
}
