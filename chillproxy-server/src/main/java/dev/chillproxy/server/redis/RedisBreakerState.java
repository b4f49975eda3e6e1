package dev.chillproxy.server.redis;

import java.time.Duration;
import java.util.Objects;

import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.http.SharedBreakerState;
import redis.clients.jedis.params.SetParams;

/**
 * Circuit breakers' open state in Redis: a key per service that lives as long as the cool-down of the instance that
 * opened it, deleted when a probe succeeds. Unreachable, it reads as "not open elsewhere" and each instance's own
 * breaker still protects the service. Thread-safe.
 */
final class RedisBreakerState implements SharedBreakerState {

    private final RedisLink link;

    RedisBreakerState(RedisLink link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    @Override
    public Duration openFor(StoreName store) {
        long millis = link.call(redis -> redis.pttl(key(store))).orElse(-1L);
        return millis > 0 ? Duration.ofMillis(millis) : Duration.ZERO;
    }

    @Override
    public void opened(StoreName store, Duration coolDown) {
        if (coolDown.toMillis() > 0) {
            link.call(redis -> redis.set(key(store), "open", SetParams.setParams().px(coolDown.toMillis())));
        }
    }

    @Override
    public void closed(StoreName store) {
        link.call(redis -> redis.del(key(store)));
    }

    private String key(StoreName store) {
        return link.key("breaker:" + store.id());
    }
}
