package dev.chillproxy.chillstreams.cluster;

import java.util.Objects;
import java.util.Optional;

/**
 * One revocation as it travels between instances: {@code u:<userId>} or {@code k:<poolKeyId>}. Ids are bounded so a
 * message always fits a PostgreSQL notification (8000 bytes) and a malformed one is dropped, never thrown on.
 */
public record Eviction(Target target, String id) {

    public static final int MAX_ID_LENGTH = 128;

    public enum Target { USER, KEY }

    public Eviction {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("eviction id: 1 to " + MAX_ID_LENGTH + " characters");
        }
    }

    public static Eviction user(String userId) {
        return new Eviction(Target.USER, userId);
    }

    public static Eviction key(String poolKeyId) {
        return new Eviction(Target.KEY, poolKeyId);
    }

    public String encode() {
        return (target == Target.USER ? "u:" : "k:") + id;
    }

    /** Empty for anything that is not a message {@link #encode} wrote. */
    public static Optional<Eviction> decode(String payload) {
        if (payload == null || payload.length() < 3 || payload.length() > MAX_ID_LENGTH + 2 || payload.charAt(1) != ':') {
            return Optional.empty();
        }
        String id = payload.substring(2);
        return switch (payload.charAt(0)) {
            case 'u' -> Optional.of(user(id));
            case 'k' -> Optional.of(key(id));
            default -> Optional.empty();
        };
    }

    /** Applies this eviction to the local caches. */
    public void applyTo(CacheEvictions caches) {
        if (target == Target.USER) {
            caches.evictUser(id);
        } else {
            caches.evictKey(id);
        }
    }
}
