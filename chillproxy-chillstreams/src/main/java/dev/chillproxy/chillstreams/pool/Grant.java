package dev.chillproxy.chillstreams.pool;

import java.util.Objects;

import dev.chillproxy.core.secret.ApiKey;

/** The pool's answer for one user and device: a key to use for this call, or a reason why not. */
public sealed interface Grant {

    /** Use {@code poolKey} for this call only; {@code poolKeyId} goes into usage events and caches. */
    record Allowed(ApiKey poolKey, String poolKeyId, int deviceCount) implements Grant {
        public Allowed {
            Objects.requireNonNull(poolKey, "poolKey");
            Objects.requireNonNull(poolKeyId, "poolKeyId");
        }
    }

    /** Refused; {@code message} is safe to show the user, {@code deviceCount} is null when not relevant. */
    record Denied(DenialReason reason, String message, Integer deviceCount) implements Grant {
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
