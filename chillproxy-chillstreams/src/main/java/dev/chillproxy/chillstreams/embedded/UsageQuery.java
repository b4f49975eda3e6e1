package dev.chillproxy.chillstreams.embedded;

import java.time.Instant;

/**
 * A page request on the usage log, newest first. Null filters match everything.
 *
 * @param limit  1..{@value #MAX_LIMIT}
 * @param cursor the {@code next} of the previous page, or null for the first
 */
public record UsageQuery(String userId, String poolKeyId, String action, Instant since, int limit, String cursor) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 100;

    public UsageQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw PoolAdminException.invalid("limit: must be between 1 and " + MAX_LIMIT);
        }
    }
}
