package dev.chillproxy.server.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.signals.Signal;
import dev.chillproxy.chillstreams.signals.SignalKind;
import dev.chillproxy.chillstreams.signals.SignalThresholds;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An alert survives an endpoint that is down for a moment, is not sent again to one that refuses it, and never blocks. */
@Timeout(30)
class SignalWebhookTest {

    private static final SignalThresholds THRESHOLDS = new SignalThresholds(Duration.ofHours(24), 2, 8, 3,
            Duration.ofHours(2), 100L << 30, 30);
    private static final List<Duration> QUICK = List.of(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50));

    private final MockWebServer endpoint = new MockWebServer();
    private SignalWebhook webhook;

    @BeforeEach
    void start() throws Exception {
        endpoint.start();
        webhook = new SignalWebhook(new OkHttpClient(), URI.create(endpoint.url("/hook").toString()), new ObjectMapper(),
                THRESHOLDS, QUICK);
    }

    @AfterEach
    void stop() throws Exception {
        webhook.close();
        endpoint.close();
    }

    private static Signal signal(String user) {
        return new Signal(user, SignalKind.DEVICE_CHURN, 3, 2, Instant.parse("2026-12-02T12:00:00Z"), List.of(), false);
    }

    /** Until every alert was delivered or given up (the class timeout fails the test otherwise). */
    private void awaitIdle() throws InterruptedException {
        while (webhook.pending() > 0) {
            Thread.sleep(5);
        }
    }

    @Test
    void anAlertTheEndpointCouldNotTakeAtFirstArrivesOnALaterAttempt() throws Exception {
        endpoint.enqueue(new MockResponse.Builder().code(503).build());
        endpoint.enqueue(new MockResponse.Builder().code(429).build());
        endpoint.enqueue(new MockResponse.Builder().code(200).build());

        webhook.send(signal("user-1"));
        awaitIdle();

        assertEquals(3, endpoint.getRequestCount());
        for (int i = 0; i < 3; i++) {
            assertTrue(endpoint.takeRequest(1, TimeUnit.SECONDS).getBody().utf8().contains("\"userId\":\"user-1\""));
        }
    }

    @Test
    void anAlertTheEndpointRefusesIsNotSentAgain() throws Exception {
        endpoint.enqueue(new MockResponse.Builder().code(400).build());

        webhook.send(signal("user-1"));
        awaitIdle();

        assertEquals(1, endpoint.getRequestCount());
    }

    @Test
    void anEndpointThatStaysDownGetsAFixedNumberOfAttempts() throws Exception {
        for (int i = 0; i < 10; i++) {
            endpoint.enqueue(new MockResponse.Builder().code(502).build());
        }

        webhook.send(signal("user-1"));
        awaitIdle();

        assertEquals(QUICK.size() + 1, endpoint.getRequestCount());
    }

    @Test
    void sendingNeverWaitsForTheEndpointAndAtMostAHundredAlertsWait() throws Exception {
        endpoint.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).code(200).build());
        long started = System.nanoTime();
        for (int i = 0; i < SignalWebhook.MAX_PENDING + 20; i++) {
            webhook.send(signal("user-" + i));
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "the scan is not held by a slow endpoint");
        assertEquals(SignalWebhook.MAX_PENDING, webhook.pending());
    }
}
