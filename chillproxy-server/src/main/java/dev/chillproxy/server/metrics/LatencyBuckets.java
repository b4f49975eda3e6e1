package dev.chillproxy.server.metrics;

import java.time.Duration;

/**
 * Histogram buckets shared by every latency timer: 1 ms to 10 s in roughly 1-2.5-5 steps. Explicit buckets keep
 * each series at 14 bucket lines, where Micrometer's percentile histogram would publish about 70.
 */
final class LatencyBuckets {

    static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10),
    };

    private LatencyBuckets() {
    }
}
