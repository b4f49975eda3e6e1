package dev.chillproxy.server.limits;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.core.client.IpLiteral;
import dev.chillproxy.server.settings.Settings;

/**
 * The per-client-IP and per-user request rate limits ({@code RATE_LIMIT_IP_RPS}, {@code RATE_LIMIT_USER_RPS}):
 * token buckets refilled at the configured rate that hold up to {@link #BURST_FACTOR} seconds' worth of
 * requests, so a client that was quiet may send a short burst of twice the rate (Stremio fires a stream
 * list and a few playback probes together). Refused requests take no token.
 *
 * <p>Memory is bounded: at most {@code maxKeys} IPs and as many users are tracked, each dropped after
 * {@link #IDLE} without a request (by then its bucket is full again, so nothing is forgotten). Keys are
 * the client IP and the user key of {@link UserKeys}, never an API key or token. IPv6 clients are counted
 * per /64, the block one subscriber normally gets, so rotating addresses inside it does not escape the limit.
 * Thread-safe and lock-free.
 */
public final class RequestLimits {

    /** A full bucket holds this many seconds of requests. */
    public static final int BURST_FACTOR = 2;
    /** Tracked IPs (and, separately, users) at most; about 180 bytes a key, 9 MB a full map (measured). */
    public static final int DEFAULT_MAX_KEYS = 50_000;
    static final Duration IDLE = Duration.ofSeconds(10);

    private final RateBuckets ips;
    private final RateBuckets users;
    /** Client address → its limit key, parsed once per address rather than on every request. */
    private final BoundedMemo<String> ipKeys = new BoundedMemo<>(ClientIp.MAX_REMEMBERED);

    /** @param ticker {@link Ticker#systemTicker()}, or a fake one in tests */
    public RequestLimits(Settings settings, Ticker ticker) {
        this(settings.limits().rateLimitUserRps(), settings.limits().rateLimitIpRps(), ticker, DEFAULT_MAX_KEYS);
    }

    public RequestLimits(int userRps, int ipRps, Ticker ticker, int maxKeys) {
        this(userRps, ipRps, local(ticker, maxKeys));
    }

    /** @param buckets where the buckets live: this instance ({@link #local}) or a store every instance shares */
    public RequestLimits(Settings settings, RateBuckets.Factory buckets) {
        this(settings.limits().rateLimitUserRps(), settings.limits().rateLimitIpRps(), buckets);
    }

    public RequestLimits(int userRps, int ipRps, RateBuckets.Factory buckets) {
        Objects.requireNonNull(buckets, "buckets");
        this.users = buckets.create("user", userRps, BURST_FACTOR * userRps);
        this.ips = buckets.create("ip", ipRps, BURST_FACTOR * ipRps);
    }

    /**
     * Buckets in this instance's memory, each with its share of the limit when {@code instances} share it.
     *
     * @param maxKeys keys tracked per limit at most, see {@link #DEFAULT_MAX_KEYS}
     */
    public static RateBuckets.Factory local(Ticker ticker, int maxKeys, IntSupplier instances) {
        Objects.requireNonNull(ticker, "ticker");
        return (name, rate, burst) -> new KeyedTokenBuckets(rate, burst, IDLE, maxKeys, ticker, instances);
    }

    private static RateBuckets.Factory local(Ticker ticker, int maxKeys) {
        return local(ticker, maxKeys, () -> 1);
    }

    /**
     * Counts a request from {@code clientIp} (as resolved by {@link ClientIp}).
     *
     * @return empty when allowed, else how long to wait before a request will be
     */
    public Optional<Duration> checkIp(String clientIp) {
        return ips.take(ipKeys.get(Objects.requireNonNullElse(clientIp, ""), RequestLimits::ipKey));
    }

    /**
     * Counts a request of a user.
     *
     * @param userKey from {@link UserKeys}
     * @return empty when allowed, else how long to wait before a request will be
     */
    public Optional<Duration> checkUser(String userKey) {
        return users.take(Objects.requireNonNull(userKey, "userKey"));
    }

    /** How many client IPs (IPv6 /64s) are tracked now, for local buckets (tests check the memory bound). */
    long trackedIps() {
        return ((KeyedTokenBuckets) ips).size();
    }

    /** How many users are tracked now, for local buckets. */
    long trackedUsers() {
        return ((KeyedTokenBuckets) users).size();
    }

    /** IPv4 as is; IPv6 as its /64 ({@code 2001:db8:1:2::/64}); anything else unchanged. */
    static String ipKey(String ip) {
        return IpLiteral.parse(ip).map(IpLiteral::network).orElse(ip);
    }
}
