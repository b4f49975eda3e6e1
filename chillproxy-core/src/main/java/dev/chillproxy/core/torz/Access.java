package dev.chillproxy.core.torz;

import java.util.Objects;

import dev.chillproxy.core.secret.ApiKey;

/** Whether a configured store may be used for this call, and with which key. */
public sealed interface Access {

    /**
     * Use {@code key} for this call only.
     *
     * @param keyId  the pool key id, or a fingerprint for a user's own legacy token; used in caches and usage
     * @param userId the pool user, or "" for a legacy token
     */
    record Granted(ApiKey key, String keyId, String userId) implements Access {
        public Granted {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(userId, "userId");
        }

        public boolean pooled() {
            return !userId.isEmpty();
        }
    }

    /** Not allowed; {@code message} is safe to show to the user. */
    record Refused(Refusal reason, String message) implements Access {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why access was refused; decides the error video at playback. */
    enum Refusal {
        DEVICE_LIMIT,
        USER_DISABLED,
        UNKNOWN_USER,
        AUTH_METHOD_DISABLED,
        POOL_UNREACHABLE,
        NO_KEY_AVAILABLE
    }
}
