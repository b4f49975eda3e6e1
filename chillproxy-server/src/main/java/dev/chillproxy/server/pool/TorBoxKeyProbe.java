package dev.chillproxy.server.pool;

import java.time.Clock;
import java.time.Duration;

import dev.chillproxy.chillstreams.embedded.KeyProbe;
import dev.chillproxy.chillstreams.embedded.ProbeResult;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Store;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreUser;
import dev.chillproxy.store.Subscription;

/**
 * Checks a pool key with the store's {@code user/me}: used before a key is saved and by the periodic health
 * check. A key without an active subscription counts as unusable. Thread-safe.
 */
public final class TorBoxKeyProbe implements KeyProbe {

    private static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(1);

    private final Store store;
    private final Clock clock;

    public TorBoxKeyProbe(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public ProbeResult probe(ApiKey key) {
        try {
            StoreUser user = store.user(key);
            return user.subscription() == Subscription.EXPIRED
                    ? new ProbeResult.Error("the account has no active subscription")
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
