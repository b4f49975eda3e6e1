package dev.chillproxy.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The outbox gauges keep their value after garbage collections (Micrometer holds gauge objects weakly by default). */
class OutboxGaugesTest {

    @Test
    void outboxGaugesSurviveGarbageCollection() throws InterruptedException {
        try (Metrics metrics = new Metrics()) {
            // bound method references that only the registry holds, as the server passes them
            metrics.outboxDepth(new AtomicLong(4)::get);
            metrics.outboxLastDelivery(new AtomicReference<>(Instant.ofEpochSecond(1_800_000_000L))::get);

            collectGarbage();

            Scrape scrape = Scrape.of(metrics.registry());
            assertEquals(4, scrape.value("chillproxy_outbox_depth"));
            assertEquals(1_800_000_000.0, scrape.value("chillproxy_outbox_last_delivery_timestamp_seconds"));
        }
    }

    private static void collectGarbage() throws InterruptedException {
        WeakReference<Object> probe = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && probe.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        System.gc();
    }
}
