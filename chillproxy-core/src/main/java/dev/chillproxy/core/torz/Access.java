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
     * @param store  the code of the store the key belongs to ({@code tb}); "" when unknown, which no pool key may be
     */
    record Granted(ApiKey key, String keyId, String userId, String store) implements Access {
        public Granted {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(store, "store");
        }

        /** A key whose store is not known: a pool key made this way may not be sent anywhere. */
        public Granted(ApiKey key, String keyId, String userId) {
            this(key, keyId, userId, "");
        }

        public boolean pooled() {
            return !userId.isEmpty();
        }

        /**
         * Whether the key may be sent to the store with this code: a pool key only to its own service (a user's own
         * token goes where the user's config says).
         */
        public boolean mayCall(String storeCode) {
            return !pooled() || (!store.isEmpty() && store.equals(storeCode));
        }
    }

    /** Not allowed; {@code message} is safe to show to the user. */
    record Refused(Refusal reason, String message) implements Access {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Why access was refused: the one list of refusals, shared with the pool (its denials carry these reasons) and
     * the metrics ({@code reason} label). Each reason carries what the user sees: the stream list's info title and
     * the playback error video, each saying what really happened.
     */
    enum Refusal {
        DEVICE_LIMIT("Device limit reached", ErrorVideo.DEVICE_LIMIT),
        USER_DISABLED("Access disabled", ErrorVideo.ACCESS_DISABLED),
        UNKNOWN_USER("Unknown user", ErrorVideo.UNKNOWN_USER),
        /** The pool was asked without a user or device id; the user sees it as an unknown user. */
        INVALID_REQUEST("Unknown user", ErrorVideo.UNKNOWN_USER),
        AUTH_METHOD_DISABLED("Sign-in method not accepted", ErrorVideo.SIGN_IN_REFUSED),
        POOL_UNREACHABLE("Key pool unavailable", ErrorVideo.POOL_UNAVAILABLE),
        NO_KEY_AVAILABLE("No free key in the pool", ErrorVideo.NO_KEY_AVAILABLE),
        /** The pool holds no key of the store's service at all (a config's other stores still answer). */
        NO_SERVICE_KEY("No key for this store in the pool", ErrorVideo.NO_KEY_AVAILABLE),
        /** The user's pool key already plays as many streams as the operator allows; the user's own devices are not at fault. */
        PLAYBACK_LIMIT("Too many streams on this key", ErrorVideo.PLAYBACK_LIMIT),
        /** The store refused the user's own (legacy) token: the store says so, not the pool. */
        TOKEN_REFUSED("Store refused your token", ErrorVideo.UNAUTHORIZED);

        private final String title;
        private final ErrorVideo video;

        Refusal(String title, ErrorVideo video) {
            this.title = title;
            this.video = video;
        }

        /** The title of the info stream a refused stream list shows. */
        public String title() {
            return title;
        }

        /** How usage events and the admin API name it: {@code device-limit}, {@code unknown-user}, … */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** The video playback redirects to. */
        public ErrorVideo video() {
            return video;
        }
    }
}
