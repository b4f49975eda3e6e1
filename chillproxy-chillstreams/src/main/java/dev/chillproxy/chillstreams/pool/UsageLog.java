package dev.chillproxy.chillstreams.pool;

import java.util.List;

/** Where usage events end up: the embedded pool's usage table, or a remote Chillstreams' {@code log-usage}. */
public interface UsageLog {

    /**
     * Stores a batch of usage events; event ids already stored are ignored, so a batch may be delivered twice.
     *
     * @throws PoolUnavailableException when the batch was not accepted, so the caller retries it later
     */
    void logUsage(List<UsageEvent> events);
}
