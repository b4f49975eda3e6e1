package dev.chillproxy.store;

import java.util.Objects;

/**
 * What adding a magnet returned.
 *
 * @param id         the id to poll with {@link Store#magnet}; for a TorBox queued-only add it is the queue id
 * @param hash       40-char lower-case info hash
 * @param status     the best status known right after the add; poll {@link Store#magnet} for files
 * @param queuedOnly true when the store only queued the request (TorBox {@code queued_id}): no torrent exists yet
 */
public record AddedMagnet(String id, String hash, MagnetStatus status, boolean queuedOnly) {

    public AddedMagnet {
        Objects.requireNonNull(id, "id");
        hash = hash == null ? "" : hash;
        Objects.requireNonNull(status, "status");
    }
}
