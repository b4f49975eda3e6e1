package dev.chillproxy.server.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import dev.chillproxy.chillstreams.embedded.KeyProbe;
import dev.chillproxy.chillstreams.embedded.ProbeResult;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Store;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreUser;
import dev.chillproxy.store.Subscription;
import dev.chillproxy.store.registry.StoreSet;

/**
 * Checks a pool key with its own service's account call (TorBox {@code user/me}, Real-Debrid {@code user}, AllDebrid
 * {@code user}, Premiumize {@code account/info}, Debrid-Link {@code account/infos}, through the store adapters): used
 * before a key is saved, to confirm a store's refusal and by the periodic health check. The key goes to its own service
 * only. A key without an active subscription counts as unusable. Thread-safe.
 */
public final class StoreKeyProbe implements KeyProbe {

    private static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(1);

    private final StoreSet stores;
    private final Clock clock;

    public StoreKeyProbe(StoreSet stores, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ProbeResult probe(StoreName service, ApiKey key) {
        Store store = stores.get(service);
        if (store == null) {
            return new ProbeResult.Error(service.label() + " is not available on this server");
        }
        try {
            StoreUser user = store.user(key);
            return user.subscription() == Subscription.EXPIRED
                    ? new ProbeResult.Error("the " + service.label() + " account has no active subscription")
                    : new ProbeResult.Ok();
        } catch (StoreException e) {
            if (e.code() == ErrorCode.UNAUTHORIZED || e.code() == ErrorCode.FORBIDDEN) {
                return new ProbeResult.Unauthorized();
            }
            if (e.code() == ErrorCode.TOO_MANY_REQUESTS) {
                return new ProbeResult.Throttled(clock.instant().plus(e.retryAfter().orElse(DEFAULT_COOLDOWN)));
            }
            return new ProbeResult.Error(e.getMessage());
        }
    }
}
