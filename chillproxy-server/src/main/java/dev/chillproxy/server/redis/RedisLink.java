package dev.chillproxy.server.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisURIHelper;
import dev.chillproxy.server.settings.RedisUrl;

/**
 * The connection to the Redis that shares limits between instances, and whether it is usable. A failed command
 * marks it down: callers then use their local fallback at once, and only one command every {@link #RETRY_EVERY}
 * tries Redis again, so an unreachable Redis costs a request nothing but the first timeout. Going down is logged
 * once as a warning, coming back once as info. Thread-safe.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    static final Duration RETRY_EVERY = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofMillis(250);

    private final UnifiedJedis client;
    private final String prefix;
    private final Ticker ticker;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong nextTry = new AtomicLong();
    private final List<Runnable> onBack = new CopyOnWriteArrayList<>();

    RedisLink(UnifiedJedis client, String prefix, Ticker ticker) {
        this.client = Objects.requireNonNull(client, "client");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * A pooled client with short timeouts (a request waits at most about {@link #TIMEOUT} for Redis), and a first
     * PING so a Redis unreachable at start is reported at start.
     *
     * @param prefix put before every key, so several deployments (or tests) can share one Redis
     */
    public static RedisLink connect(RedisUrl url, String prefix, Ticker ticker) {
        return connect(url, prefix, ticker, TIMEOUT);
    }

    /** @param timeout for connecting, reading and waiting for a pooled connection (tests on a busy machine give more) */
    static RedisLink connect(RedisUrl url, String prefix, Ticker ticker, Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis).socketTimeoutMillis(millis)
                .database(JedisURIHelper.getDBIndex(url.uri())).ssl(JedisURIHelper.isRedisSSLScheme(url.uri()))
                .clientName("chillproxy");
        Optional.ofNullable(JedisURIHelper.getUser(url.uri())).ifPresent(config::user);
        Optional.ofNullable(JedisURIHelper.getPassword(url.uri())).ifPresent(config::password);
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMaxWait(timeout);
        RedisClient client = RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(url.uri()))
                .clientConfig(config.build()).poolConfig(pool).build();
        RedisLink link = new RedisLink(client, prefix, ticker);
        if (link.call(UnifiedJedis::ping).isPresent()) {
            LOG.info("limits shared through Redis at {}", url);
        }
        return link;
    }

    /** Runs {@code command}; empty when Redis is down or the command failed (which marks it down). */
    public <T> Optional<T> call(Function<UnifiedJedis, T> command) {
        if (down.get()) {
            long now = ticker.read();
            long at = nextTry.get();
            // one caller tries again per period; the others go local without waiting
            if (now - at < 0 || !nextTry.compareAndSet(at, now + RETRY_EVERY.toNanos())) {
                return Optional.empty();
            }
        }
        try {
            T result = command.apply(client);
            if (down.compareAndSet(true, false)) {
                LOG.info("Redis reachable again: limits are shared across instances again");
                onBack.forEach(Runnable::run);
            }
            return Optional.of(result);
        } catch (JedisException e) {
            nextTry.set(ticker.read() + RETRY_EVERY.toNanos());
            if (down.compareAndSet(false, true)) {
                LOG.warn("Redis unreachable ({}): limits fall back to this instance's share until it is back",
                        e.getClass().getSimpleName());
            }
            return Optional.empty();
        }
    }

    /** Runs a script by its SHA-1, loading it when Redis does not know it yet (first use, or after a restart). */
    <T> Optional<T> run(LuaScript script, List<String> keys, List<String> args, Function<Object, T> result) {
        return call(redis -> {
            Object raw;
            try {
                raw = redis.evalsha(script.sha1(), keys, args);
            } catch (JedisNoScriptException unknown) {
                raw = redis.eval(script.text(), keys, args);
            }
            return result.apply(raw);
        });
    }

    /** Runs {@code task} on the thread that finds Redis back after it was unreachable. */
    void whenBack(Runnable task) {
        onBack.add(task);
    }

    /** True while Redis answers (as far as the last command knows). */
    public boolean shared() {
        return !down.get();
    }

    /** {@code prefix + name}. */
    String key(String name) {
        return prefix + name;
    }

    @Override
    public void close() {
        client.close();
    }
}
