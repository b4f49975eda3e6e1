package dev.chillproxy.chillstreams.embedded;

/**
 * Told when an administrator changes who may use what, so caches in front of the pool (the grant cache) can
 * forget at once: revocation stays instant even when grants are cached.
 */
public interface PoolChanges {

    /** The user was disabled or re-enabled, or lost a device. */
    void userChanged(String userId);

    /** The key was retired, or marked failing or in cooldown; nobody may keep using it. */
    void keyRetired(String poolKeyId);

    /**
     * The key was scheduled to retire or got a successor: its cached grants go, so that its users reach the pool and
     * move to the successor on their next request (the key itself stays usable until it retires).
     */
    default void keyRotating(String poolKeyId) {
        keyRetired(poolKeyId);
    }

    static PoolChanges none() {
        return new PoolChanges() {
            @Override
            public void userChanged(String userId) {
            }

            @Override
            public void keyRetired(String poolKeyId) {
            }
        };
    }
}
