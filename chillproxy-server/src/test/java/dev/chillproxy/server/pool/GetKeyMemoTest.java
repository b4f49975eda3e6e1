package dev.chillproxy.server.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torz.Access;
import org.junit.jupiter.api.Test;

class GetKeyMemoTest {

    private final GetKeyMemo memo = new GetKeyMemo();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();

    private final Function<byte[], GetKeyRequest> read = body -> {
        reads.incrementAndGet();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.startsWith("user-")) {
            throw new IllegalArgumentException("userId: required");
        }
        return new GetKeyRequest(text, "device", "stream-list", "");
    };
    private final Function<Grant, byte[]> write = grant -> {
        writes.incrementAndGet();
        return (grant instanceof Grant.Allowed allowed ? allowed.poolKeyId() : "denied").getBytes(StandardCharsets.UTF_8);
    };

    @Test
    void aRepeatedBodyIsReadOnceAndADifferentOneAgain() {
        GetKeyRequest first = memo.request(bytes("user-a"), read);

        assertSame(first, memo.request(bytes("user-a"), read));
        assertEquals("user-b", memo.request(bytes("user-b"), read).userId());
        assertEquals(2, reads.get());
    }

    @Test
    void aBadBodyIsRefusedEveryTimeItComes() {
        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalArgumentException.class, () -> memo.request(bytes("{}"), read));
        }
        assertEquals(3, reads.get());
    }

    @Test
    void aLongBodyIsNotKept() {
        byte[] body = bytes("user-" + "x".repeat(GetKeyMemo.MAX_BODY_BYTES));

        memo.request(body, read);
        memo.request(body, read);

        assertEquals(2, reads.get());
    }

    @Test
    void theSameGrantReusesItsAnswerAndItsSuccessorGetsItsOwn() {
        Grant cached = new Grant.Allowed(ApiKey.of("first-pool-key-value"), "key-1", 1);

        byte[] answer = memo.answer(cached, write);
        assertSame(answer, memo.answer(cached, write));

        // after a revocation or expiry the grant cache hands out a new object, even with equal values
        Grant successor = new Grant.Allowed(ApiKey.of("first-pool-key-value"), "key-1", 1);
        memo.answer(successor, write);
        assertArrayEquals(bytes("denied"), memo.answer(new Grant.Denied(Access.Refusal.USER_DISABLED, "disabled", null), write));
        assertEquals(3, writes.get());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
