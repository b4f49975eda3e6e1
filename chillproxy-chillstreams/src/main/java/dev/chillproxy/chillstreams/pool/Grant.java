package dev.chillproxy.chillstreams.pool;

import java.util.Objects;

import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torz.Access;

/** The pool's answer for one user and device: a key to use for this call, or a reason why not. */
public sealed interface Grant {

    /** The service of a key when the pool does not say: the wire's default ({@code get-key} without {@code service}). */
    String DEFAULT_SERVICE = "torbox";

    /**
     * Use {@code poolKey} for this call only; {@code poolKeyId} goes into usage events and caches.
     *
     * @param service the debrid service the key belongs to ({@code torbox}); the key may only be sent there
     */
    record Allowed(ApiKey poolKey, String poolKeyId, int deviceCount, String service) implements Grant {
        public Allowed {
            Objects.requireNonNull(poolKey, "poolKey");
            Objects.requireNonNull(poolKeyId, "poolKeyId");
            service = service == null || service.isBlank() ? DEFAULT_SERVICE : service.strip().toLowerCase(java.util.Locale.ROOT);
        }

        /** A key of the {@link #DEFAULT_SERVICE}. */
        public Allowed(ApiKey poolKey, String poolKeyId, int deviceCount) {
            this(poolKey, poolKeyId, deviceCount, DEFAULT_SERVICE);
        }
    }

    /**
     * Refused; {@code message} is safe to show the user, {@code deviceCount} is null when not relevant. The reason is
     * core's {@link Access.Refusal}, which also decides the title and error video the user sees.
     */
    record Denied(Access.Refusal reason, String message, Integer deviceCount) implements Grant {
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
