package dev.chillproxy.core.torz;

import dev.chillproxy.core.config.StoreConfig;

/**
 * Port: turns a configured store ({@code auth} user UUID or legacy {@code t} token) into a key for one call.
 * The pool adapter asks the pool through a short-lived grant cache that every revocation evicts, so a revocation
 * takes effect on the next request. Must not throw.
 */
public interface StoreAccess {

    /** @param action "stream-list" or "stream-served", passed on to the pool */
    Access open(StoreConfig store, RequestContext context, String action, String hash);
}
