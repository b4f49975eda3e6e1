package dev.chillproxy.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class KeyHealthGaugesTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Map<String, Long> counts = Map.of("healthy", 3L, "failing", 1L);
    private volatile boolean databaseDown;

    private KeyHealthGauges gauges() {
        return new KeyHealthGauges(registry, () -> {
            reads.incrementAndGet();
            if (databaseDown) {
                throw new IllegalStateException("connection refused: jdbc:postgresql://db/secret?password=hunter2");
            }
            return counts;
        }, Duration.ofSeconds(15), now::get);
    }

    private double keys(String status) {
        return Scrape.of(registry).value("chillproxy_pool_keys", "status=" + status);
    }

    @Test
    void countsByStatusWithZeroForAbsentOnes() {
        gauges();
        assertEquals(3, keys("healthy"));
        assertEquals(1, keys("failing"));
        assertEquals(0, keys("degraded"));
        assertEquals(1, Scrape.of(registry).lines("chillproxy_pool_keys", "status=cooldown").size());
    }

    /** Keys older than POOL_ROTATION_INTERVAL are a gauge of their own, not a status (they are healthy as well). */
    @Test
    void keysDueForRotationAreCountedApartFromTheirStatus() {
        counts = Map.of("healthy", 3L, "rotation-due", 2L);
        gauges();
        assertEquals(2, Scrape.of(registry).value("chillproxy_pool_keys_rotation_due"));
        assertEquals(3, keys("healthy"));
        assertEquals(0, keys("other"));
        assertEquals(0, Scrape.of(registry).lines("chillproxy_pool_keys", "status=rotation-due").size());
    }

    @Test
    void unknownStatusesAreFoldedIntoOther() {
        counts = Map.of("healthy", 1L, "Quarantined", 2L, "weird", 1L);
        gauges();
        assertEquals(3, keys("other"));
        assertEquals(1, keys("healthy"));
        assertEquals(0, Scrape.of(registry).lines("chillproxy_pool_keys", "status=weird").size());
    }

    @Test
    void theDatabaseIsReadAtMostOncePerRefreshInterval() {
        gauges();
        Scrape.of(registry);
        Scrape.of(registry);
        assertEquals(1, reads.get(), "seven gauges and two scrapes share one read");
        counts = Map.of("healthy", 2L);
        now.addAndGet(Duration.ofSeconds(14).toNanos());
        assertEquals(3, keys("healthy"), "still the cached counts");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(2, keys("healthy"));
        assertEquals(2, reads.get());
    }

    @Test
    void aFailedReadKeepsTheLastCounts() {
        gauges();
        assertEquals(3, keys("healthy"));
        databaseDown = true;
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertEquals(3, keys("healthy"));
        assertEquals(2, reads.get());
        databaseDown = false;
        counts = Map.of("healthy", 5L);
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertEquals(5, keys("healthy"));
    }
}
