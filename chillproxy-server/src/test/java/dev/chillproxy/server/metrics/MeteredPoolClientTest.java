package dev.chillproxy.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.chillproxy.core.torz.Access.Refusal;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.core.secret.ApiKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeteredPoolClientTest {

    private static final String USER = "0b7c3a52-9d1e-4f6a-8b2c-7e5d4c3b2a19";
    private static final String DEVICE = "d3v1ce5ha256d3v1ce5ha256d3v1ce5ha256d3v1ce5ha256d3v1ce5ha25600";
    private static final String POOL_KEY = "tb-pool-key-9a8b7c6d5e4f3a2b1c0d";

    private final Metrics metrics = new Metrics();
    private final FakePool fake = new FakePool();
    private final KeySource pool = metrics.meter(fake);

    @AfterEach
    void close() {
        metrics.close();
    }

    /** Answers the queued grants in order and records what was forwarded. */
    private static final class FakePool implements KeySource {
        final List<Grant> answers = new ArrayList<>();

        @Override
        public Grant getKey(GetKeyRequest request) {
            if (answers.isEmpty()) {
                throw new IllegalStateException("pool exploded");
            }
            return answers.remove(0);
        }
    }

    private GetKeyRequest request() {
        return new GetKeyRequest(USER, DEVICE, "stream-list", "c9e15763f722f23e98a29decdfae341b98d53056");
    }

    @Test
    void grantsAreTimedByResultAndDenialsCountedByReason() {
        Grant allowed = new Grant.Allowed(ApiKey.of(POOL_KEY), "key-1", 1);
        fake.answers.addAll(List.of(allowed, allowed,
                new Grant.Denied(Refusal.DEVICE_LIMIT, "device limit reached", 3),
                new Grant.Denied(Refusal.DEVICE_LIMIT, "device limit reached", 3),
                new Grant.Denied(Refusal.POOL_UNREACHABLE, "pool unreachable", null)));
        assertSame(allowed, pool.getKey(request()), "the delegate's grant is returned as is");
        for (int i = 0; i < 4; i++) {
            pool.getKey(request());
        }

        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(2, scrape.value("chillproxy_pool_grants_seconds_count", "result=allowed"));
        assertEquals(3, scrape.value("chillproxy_pool_grants_seconds_count", "result=denied"));
        assertEquals(2, scrape.value("chillproxy_pool_denials_total", "reason=device_limit"));
        assertEquals(1, scrape.value("chillproxy_pool_denials_total", "reason=pool_unreachable"));
        assertEquals(0, scrape.value("chillproxy_pool_denials_total", "reason=user_disabled"));
        assertEquals(1, scrape.lines("chillproxy_pool_denials_total", "reason=user_disabled").size(),
                "every reason is published, at 0 until it happens");
        assertEquals(1, scrape.lines("chillproxy_pool_grants_seconds_bucket", "result=allowed", "le=0.001").size());
        Set<String> labels = scrape.labelValues();
        for (String secret : List.of(USER, DEVICE, POOL_KEY, "key-1")) {
            assertTrue(labels.stream().noneMatch(value -> value.contains(secret)), "a label holds " + secret);
        }
    }

    @Test
    void aThrowingPoolIsCountedAsErrorAndRethrown() {
        assertThrows(IllegalStateException.class, () -> pool.getKey(request()));
        assertEquals(1, Scrape.of(metrics.registry()).value("chillproxy_pool_grants_seconds_count", "result=error"));
    }
}
