package dev.chillproxy.chillstreams.pool;

/**
 * Counts requests a device made that the pool itself did not see (the grant cache answered them), so a device's
 * request count stays true. A {@link KeySource} that keeps counts implements it; a remote pool does not (its wire
 * has no route for counts). Implementations never throw.
 */
@FunctionalInterface
public interface RequestTally {

    void countRequests(String userId, String deviceId, long requests);

    /** Writes counts still held in memory (at shutdown); a tally that writes at once has nothing to do. */
    default void persistCounts() {
    }
}
