package dev.chillproxy.server.torz;

import dev.chillproxy.chillstreams.pool.DenialReason;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.PoolClient;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.RequestContext;
import dev.chillproxy.core.torz.StoreAccess;

/**
 * Store access for torz: a store with {@code auth} asks the pool for this user's key on this device; a store
 * with a legacy {@code t} token uses the user's own key. Either path can be switched off by the operator
 * ({@code ENABLE_CHILLSTREAMS_AUTH}, {@code ENABLE_LEGACY_TOKENS}). Never falls back from one to the other.
 * Thread-safe.
 */
public final class PoolStoreAccess implements StoreAccess {

    private final PoolClient pool;
    private final boolean poolAuthEnabled;
    private final boolean legacyTokensEnabled;

    public PoolStoreAccess(PoolClient pool, boolean poolAuthEnabled, boolean legacyTokensEnabled) {
        this.pool = pool;
        this.poolAuthEnabled = poolAuthEnabled;
        this.legacyTokensEnabled = legacyTokensEnabled;
    }

    @Override
    public Access open(StoreConfig store, RequestContext context, String action, String hash) {
        if (store.usesPool()) {
            if (!poolAuthEnabled) {
                return new Access.Refused(Access.Refusal.AUTH_METHOD_DISABLED,
                        "This server does not accept pool users. Ask your operator for a new addon link.");
            }
            Grant grant = pool.getKey(new GetKeyRequest(store.auth(), context.deviceId(), action, hash));
            if (grant instanceof Grant.Allowed allowed) {
                return new Access.Granted(allowed.poolKey(), allowed.poolKeyId(), store.auth());
            }
            Grant.Denied denied = (Grant.Denied) grant;
            return new Access.Refused(refusal(denied.reason()), denied.message());
        }
        if (!legacyTokensEnabled || store.token().isEmpty()) {
            return new Access.Refused(Access.Refusal.AUTH_METHOD_DISABLED,
                    "This server accepts pool users only. Ask your operator for an addon link with your user id.");
        }
        ApiKey own = ApiKey.of(store.token());
        return new Access.Granted(own, "own-" + own.fingerprint(), "");
    }

    private static Access.Refusal refusal(DenialReason reason) {
        return switch (reason) {
            case DEVICE_LIMIT -> Access.Refusal.DEVICE_LIMIT;
            case USER_DISABLED -> Access.Refusal.USER_DISABLED;
            case UNKNOWN_USER, INVALID_REQUEST -> Access.Refusal.UNKNOWN_USER;
            case NO_KEY_AVAILABLE -> Access.Refusal.NO_KEY_AVAILABLE;
            case POOL_UNREACHABLE -> Access.Refusal.POOL_UNREACHABLE;
        };
    }
}
