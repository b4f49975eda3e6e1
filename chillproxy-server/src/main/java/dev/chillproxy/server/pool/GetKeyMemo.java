package dev.chillproxy.server.pool;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;

/**
 * What {@code get-key} would otherwise redo on every call of a known device, where reading the body and writing the
 * answer cost more than the grant lookup itself:
 *
 * <ul>
 *   <li>the request read from a body: a remote instance sends the same bytes for every request of one user's device.
 *       Only bodies that read without error are kept, so a bad body is refused with its message every time;</li>
 *   <li>the answer written for a grant: the grant cache hands out the same grant object until that grant expires or is
 *       revoked, and its successor is a new object. Kept by identity and only as long as the grant itself is reachable
 *       (weak keys), so a revoked grant's answer is never served again and no key outlives its grant here.</li>
 * </ul>
 * Both are bounded; thread-safe.
 */
final class GetKeyMemo {

    static final int MAX_ENTRIES = 10_000;
    /** Longer bodies are read every time: a real get-key body is about 150 bytes, and the memo stays small. */
    static final int MAX_BODY_BYTES = 512;

    private final Cache<String, GetKeyRequest> requests = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    private final Cache<Grant, byte[]> answers = Caffeine.newBuilder().weakKeys().maximumSize(MAX_ENTRIES).build();

    /** The request these bytes read as: {@code read}'s answer, once per distinct short body; its exceptions pass through. */
    GetKeyRequest request(byte[] body, Function<byte[], GetKeyRequest> read) {
        if (body.length > MAX_BODY_BYTES) {
            return read.apply(body);
        }
        // ISO-8859-1 maps each byte to one char: a cheap key that tells any two bodies apart
        String key = new String(body, StandardCharsets.ISO_8859_1);
        GetKeyRequest known = requests.getIfPresent(key);
        if (known == null) {
            known = read.apply(body);
            requests.put(key, known);
        }
        return known;
    }

    /** The answer's bytes for this grant object, written by {@code write} the first time it is seen. */
    byte[] answer(Grant grant, Function<Grant, byte[]> write) {
        return answers.get(grant, write);
    }
}
