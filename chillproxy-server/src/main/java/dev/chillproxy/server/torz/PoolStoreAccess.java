package dev.chillproxy.server.torz;

import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.RequestContext;
import dev.chillproxy.core.torz.StoreAccess;
import dev.chillproxy.core.store.StoreName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store access for torz: a store with {@code auth} asks the pool for this user's key on this device; a store
 * with a legacy {@code t} token uses the user's own key. Either path can be switched off by the operator
 * ({@code ENABLE_CHILLSTREAMS_AUTH}, {@code ENABLE_LEGACY_TOKENS}). Never falls back from one to the other. Every
 * debrid service is pooled: {@code {"c":"rd","auth":…}} asks the pool for the user's Real-Debrid key. A pool key is
 * granted only for its own service: a grant whose service is not the configured store's (an older Chillstreams that
 * answers TorBox keys only) is refused before any key is handed out; a service with no key in the pool answers the
 * pool's refusal ("No Real-Debrid key in the pool"), and the other stores of the config still answer.
 * Thread-safe.
 */
public final class PoolStoreAccess implements StoreAccess {

    private static final Logger LOG = LoggerFactory.getLogger(PoolStoreAccess.class);

    private final KeySource pool;
    private final LegacyTokenCheck tokens;
    private final boolean poolAuthEnabled;
    private final boolean legacyTokensEnabled;

    public PoolStoreAccess(KeySource pool, LegacyTokenCheck tokens, boolean poolAuthEnabled, boolean legacyTokensEnabled) {
        this.pool = pool;
        this.tokens = tokens;
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
            StoreName name = store.store();
            String user = store.poolUser().orElseThrow();
            // the pool is asked for a key of this store's own service, and the answer is checked to be one
            Grant grant = pool.getKey(new GetKeyRequest(user, context.deviceId(), action, hash, name.id()));
            if (grant instanceof Grant.Allowed allowed) {
                if (!belongsTo(allowed.service(), name)) {
                    LOG.warn("pool key {} is a {} key, not one for store {}: not used", allowed.poolKeyId(),
                            allowed.service(), name.code());
                    return new Access.Refused(Access.Refusal.NO_KEY_AVAILABLE,
                            "The key pool has no key for this store right now. Tell your operator.");
                }
                return new Access.Granted(allowed.poolKey(), allowed.poolKeyId(), user, name.code());
            }
            Grant.Denied denied = (Grant.Denied) grant;
            return new Access.Refused(denied.reason(), denied.message());
        }
        if (!legacyTokensEnabled || store.token().isEmpty()) {
            return new Access.Refused(Access.Refusal.AUTH_METHOD_DISABLED,
                    "This server accepts pool users only. Ask your operator for an addon link with your user id.");
        }
        ApiKey own = store.token().get();
        if (tokens.refused(store.store(), own)) {
            return new Access.Refused(Access.Refusal.TOKEN_REFUSED, store.store().label() + " refused the token in your"
                    + " addon link. Copy a current API token from your " + store.store().label()
                    + " account into the configure page and install the addon again.");
        }
        return new Access.Granted(own, "own-" + own.fingerprint(), "", store.store().code());
    }

    /** Whether a key of {@code service} ("torbox", as the pool names it) is one for {@code store}. */
    static boolean belongsTo(String service, StoreName store) {
        return StoreName.find(service).filter(store::equals).isPresent();
    }
}
