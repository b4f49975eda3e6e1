package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.registry.StoreSet;

/**
 * Whether a store accepts a user's own (legacy {@code t}) token, asked once with the store's account call and kept per
 * token fingerprint (never the token) for {@link #REMEMBER}: a wrong token is then told at the stream list, instead of
 * a normal-looking list whose every playback fails. Only the store's own 401/403 counts as refused; a store that cannot
 * be asked says nothing, and the list goes on. Pool keys are not checked here (the pool health-checks them). Thread-safe.
 */
public final class LegacyTokenCheck {

    static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_TOKENS = 10_000;

    private final StoreSet stores;
    /** store code + token fingerprint → refused; an answer that says nothing is not kept. */
    private final Cache<String, Boolean> verdicts;

    public LegacyTokenCheck(StoreSet stores, Ticker ticker) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.verdicts = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(REMEMBER).maximumSize(MAX_TOKENS).build();
    }

    public boolean refused(StoreName store, ApiKey token) {
        Boolean refused = verdicts.get(store.code() + ":" + token.fingerprint(), key -> ask(store, token));
        return Boolean.TRUE.equals(refused);
    }

    /** True when the store refuses the token, false when it accepts it, null when it could not say. */
    private Boolean ask(StoreName store, ApiKey token) {
        try {
            stores.get(store).user(token);
            return false;
        } catch (StoreException e) {
            return e.code() == ErrorCode.UNAUTHORIZED || e.code() == ErrorCode.FORBIDDEN ? true : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
