package dev.chillproxy.server.redis;

import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.server.limits.RateBuckets;
import dev.chillproxy.server.limits.RequestLimits;
import dev.chillproxy.server.settings.RedisUrl;
import dev.chillproxy.server.torz.AddClaims;
import dev.chillproxy.server.torz.LocalAddClaims;
import dev.chillproxy.store.http.BudgetLedger;
import dev.chillproxy.store.http.LocalBudgetLedger;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.http.SharedBreakerState;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where the limits live ({@code REDIS_URL}): in Redis, shared by every instance (key budgets, per-user and per-IP rate
 * limits, per-user add quotas, breaker state, add claims), each with this instance's share as fallback while Redis is
 * unreachable; or, without Redis, in this instance alone, as before. Thread-safe.
 */
public final class SharedLimits implements AutoCloseable {

    /** Put before every Redis key. */
    public static final String PREFIX = "chillproxy:";

    private final Optional<RedisLink> link;
    private final BudgetLedger ledger;
    private final SharedBreakerState breakers;
    private final RateBuckets.Factory buckets;
    private final AddClaims claims;

    private SharedLimits(Optional<RedisLink> link, IntSupplier liveInstances, InstantSource clock, Ticker ticker) {
        this.link = link;
        LocalBudgetLedger local = new LocalBudgetLedger(clock, liveInstances);
        RateBuckets.Factory localBuckets = RequestLimits.local(ticker, RequestLimits.DEFAULT_MAX_KEYS, liveInstances);
        LocalAddClaims localClaims = new LocalAddClaims(ticker);
        if (link.isPresent()) {
            RedisLink redis = link.get();
            this.ledger = new RedisBudgetLedger(redis, local, clock);
            this.breakers = new RedisBreakerState(redis);
            this.buckets = (name, rate, burst) -> new RedisRateBuckets(redis, name, rate, burst,
                    localBuckets.create(name, rate, burst));
            this.claims = new RedisAddClaims(redis, localClaims);
        } else {
            this.ledger = local;
            this.breakers = SharedBreakerState.none();
            this.buckets = localBuckets;
            this.claims = localClaims;
        }
    }

    /**
     * @param url           empty = limits of this instance alone
     * @param liveInstances how many instances run now, for the fallback share (at least 1 is assumed)
     */
    public static SharedLimits of(Optional<RedisUrl> url, IntSupplier liveInstances, InstantSource clock, Ticker ticker) {
        return new SharedLimits(url.map(u -> RedisLink.connect(u, PREFIX, ticker)), liveInstances, clock, ticker);
    }

    /** Over a given link (tests use their own key prefix). */
    static SharedLimits over(RedisLink link, IntSupplier liveInstances, InstantSource clock, Ticker ticker) {
        return new SharedLimits(Optional.of(link), liveInstances, clock, ticker);
    }

    /** {@code base} with the budgets and breaker state shared when Redis is configured. */
    public ResilienceSettings resilience(ResilienceSettings base) {
        return link.isPresent() ? base.shared(ledger, breakers) : base;
    }

    /** Budgets for anything else counted per hour, such as users' adds. */
    public BudgetLedger ledger() {
        return ledger;
    }

    public RateBuckets.Factory rateBuckets() {
        return buckets;
    }

    public AddClaims addClaims() {
        return claims;
    }

    /** For {@code /health}: {@code shared}, {@code local (redis unreachable)} or {@code local} (no Redis configured). */
    public String mode() {
        // a PING (skipped while backing off) so an idle instance also notices Redis leaving and coming back
        return link.map(redis -> redis.call(UnifiedJedis::ping).isPresent() ? "shared" : "local (redis unreachable)")
                .orElse("local");
    }

    @Override
    public void close() {
        link.ifPresent(RedisLink::close);
    }
}
