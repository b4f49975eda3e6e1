package dev.chillproxy.chillstreams.cluster;

/**
 * This instance's caches in front of the pool (grants, resolved links): what a revocation from anywhere in the
 * cluster must reach. Implementations are thread-safe and cheap; they never call the database.
 */
public interface CacheEvictions {

    /** The user was disabled, re-enabled, revoked or lost a device. */
    void evictUser(String userId);

    /** The key was retired, marked failing or put in cooldown. */
    void evictKey(String poolKeyId);

    /** Revocations may have been missed (the feed was down): forget everything that a revocation could concern. */
    void evictAll();
}
