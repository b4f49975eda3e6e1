package dev.chillproxy.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void aKeyIsComputedOnceWhileRemembered() {
        BoundedMemo<String> memo = new BoundedMemo<>(10);
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertEquals("203.0.113.7!", memo.get("203.0.113.7", key -> {
                computed.incrementAndGet();
                return key + "!";
            }));
        }
        assertEquals(1, computed.get());
    }

    /** A flood of distinct addresses cannot grow it past its bound; answers stay right after it is emptied. */
    @Test
    void itNeverHoldsMoreThanItsBound() {
        BoundedMemo<String> memo = new BoundedMemo<>(100);
        for (int i = 0; i < 10_000; i++) {
            assertEquals("v" + i, memo.get("k" + i, key -> "v" + key.substring(1)));
            assertTrue(memo.size() <= 100);
        }
    }

    @Test
    void aNullResultIsRefused() {
        BoundedMemo<String> memo = new BoundedMemo<>(10);
        assertThrows(NullPointerException.class, () -> memo.get("x", key -> null));
    }
}
